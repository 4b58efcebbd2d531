/** Table administration for reindex and backup: list and drop tables in a LanceDB directory. */
import './lance-runtime.ts';
import { connect, type Connection } from '@lancedb/lancedb';
import { PropoError } from '../../../core/errors/index.ts';

async function withConnection<T>(dir: string, work: (connection: Connection) => Promise<T>): Promise<T> {
  let connection: Connection;
  try {
    connection = await connect(dir);
  } catch (error) {
    throw new PropoError('PROPO_ERR_STORE_UNAVAILABLE', `LanceDB could not open ${dir}. Check that the directory exists and is readable.`, { cause: error });
  }
  try {
    return await work(connection);
  } finally {
    connection.close();
  }
}

/** Names of the tables in the LanceDB database at `dir`, sorted. */
export async function listTables(dir: string): Promise<string[]> {
  return withConnection(dir, async (connection) => (await connection.tableNames()).sort());
}

/** Drops table `name` at `dir`; throws PROPO_ERR_NOT_FOUND when it does not exist. */
export async function dropTable(dir: string, name: string): Promise<void> {
  await withConnection(dir, async (connection) => {
    if (!(await connection.tableNames()).includes(name)) {
      throw new PropoError('PROPO_ERR_NOT_FOUND', `LanceDB table "${name}" does not exist in ${dir}. List the tables with listTables().`);
    }
    await connection.dropTable(name);
  });
}
