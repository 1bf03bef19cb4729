import { EntitySchema } from 'typeorm';

/**
 * The translation of one transcript segment into one language (table `session.translations`, unique per segment and
 * language; `addTranslation` replaces the text). Also the codegen mapper type of the GraphQL `Translation`.
 */
export interface Translation {
  id: string;
  tenantId: string;
  segmentId: string;
  /** BCP 47 tag, e.g. `fr` or `pt-BR`. */
  language: string;
  /** 1–10,000 characters. */
  text: string;
  /** When the translation into this language was first added. */
  createdAt: Date;
  /** When its text was last written. */
  updatedAt: Date;
}

/** TypeORM schema of {@link Translation}. */
export const TranslationSchema = new EntitySchema<Translation>({
  name: 'Translation',
  tableName: 'translations',
  schema: 'session',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    segmentId: { name: 'segment_id', type: 'uuid' },
    language: { type: 'text' },
    text: { type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
