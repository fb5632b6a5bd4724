import type { Kysely } from 'kysely';

// Frozen. Step 5, the specialist directory: providers imported from the user's own NPPES
// download and taxonomy names from the user's own NUCC download (AMA copyright, so the
// product never ships it). Latitude and longitude come from the ZIP centroid at import
// time, so a search can narrow by a bounding box in SQL on either dialect.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('directory_taxonomies')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('grouping', 'text')
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('specialization', 'text')
    .addColumn('display_name', 'text')
    .execute();

  await db.schema
    .createTable('directory_providers')
    .addColumn('npi', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credential', 'text')
    .addColumn('organization', 'text')
    .addColumn('taxonomy_code', 'text', (c) => c.notNull())
    .addColumn('other_taxonomy_codes', 'text')
    .addColumn('address_line1', 'text', (c) => c.notNull())
    .addColumn('address_line2', 'text')
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('directory_providers_taxonomy_idx')
    .on('directory_providers')
    .columns(['taxonomy_code'])
    .execute();
  await db.schema
    .createIndex('directory_providers_postal_idx')
    .on('directory_providers')
    .columns(['postal_code'])
    .execute();
  await db.schema
    .createIndex('directory_providers_latlon_idx')
    .on('directory_providers')
    .columns(['latitude', 'longitude'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('directory_providers').execute();
  await db.schema.dropTable('directory_taxonomies').execute();
}
