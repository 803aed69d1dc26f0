-- Nothing filters, sorts or answers from these: the state rules and the answers read the snapshot, which keeps
-- them. Dropping them narrows every row and every upsert on the inventory's hot write path.
ALTER TABLE session DROP COLUMN user_name, DROP COLUMN machine_name, DROP COLUMN locked, DROP COLUMN vcenter_managed;
