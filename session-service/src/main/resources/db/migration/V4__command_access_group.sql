-- The access group (or federated flag) of a command's session, stored with the command: its status is readable only
-- by operators who may view sessions of that group, whatever privileges they hold elsewhere.
ALTER TABLE session_command ADD COLUMN access_group_id text;
ALTER TABLE session_command ADD COLUMN federated boolean;
UPDATE session_command c SET access_group_id = s.access_group_id, federated = s.federated
FROM session s WHERE s.id = c.session_id AND c.access_group_id IS NULL;
UPDATE session_command SET federated = (command->>'federated')::boolean
WHERE federated IS NULL AND command IS NOT NULL;
