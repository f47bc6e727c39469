import { Migration } from '@mikro-orm/migrations';

export class Migration20261123203537_import_status_length extends Migration {

  override name = 'Migration20261123203537_import_status_length';

  override up(): void | Promise<void> {
    this.addSql(`alter table "lead_import" alter column "status" type varchar(32) using ("status"::varchar(32));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "lead_import" alter column "status" type varchar(20) using ("status"::varchar(20));`);
  }

}
