-- Helpdesk operators search by what users tell them: a user name, a machine name, a pool or farm, not a SID or a
-- machine UUID. The names the agent reports (snapshot.names) become filterable and sortable columns; filled from the
-- stored snapshots for rows that exist already.
ALTER TABLE session ADD COLUMN user_name text, ADD COLUMN machine_name text, ADD COLUMN machine_dns_name text,
    ADD COLUMN desktop_pool_name text, ADD COLUMN farm_name text;
UPDATE session SET user_name = snapshot #>> '{names,user_name}', machine_name = snapshot #>> '{names,machine_name}',
    machine_dns_name = snapshot #>> '{names,machine_dns_name}',
    desktop_pool_name = snapshot #>> '{names,desktop_pool_name}', farm_name = snapshot #>> '{names,farm_name}'
    WHERE snapshot IS NOT NULL;
