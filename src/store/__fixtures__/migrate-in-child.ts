// Child-process entry for migrate.test.ts, which bundles it with esbuild. Opens the database file
// in argv[2], waits until the wall-clock time in argv[3] so siblings start together, runs migrate
// and prints the report. With argv[4] > 0 an extra migration holds the lock that many milliseconds.
import { openSqliteDatabase } from '../database.js';
import { migrate } from '../migrate.js';
import { type Migration, migrations } from '../migrations/index.js';

const [, , filePath = '', startAtText = '0', holdText = '0'] = process.argv;
const holdMs = Number(holdText);
const holdMigration: Migration = {
  // After every real migration, whatever their number.
  version: Math.max(...migrations.map((migration) => migration.version)) + 1,
  name: 'hold-lock',
  async up(db) {
    await db.schema.createTable('race_marker').addColumn('id', 'integer').execute();
    // Block synchronously while holding the write lock, so siblings must wait on busy_timeout.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, holdMs);
  },
};

const database = openSqliteDatabase(filePath);
const delay = Number(startAtText) - Date.now();
if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
const report = await migrate(database.db, {
  migrations: holdMs > 0 ? [...migrations, holdMigration] : migrations,
});
await database.close();
process.stdout.write(JSON.stringify(report));
