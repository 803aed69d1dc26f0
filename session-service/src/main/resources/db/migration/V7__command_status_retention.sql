-- Command statuses expire (sessionplane.commands.status-retention); the purge finds old rows by this index.
CREATE INDEX session_command_updated_at_idx ON session_command (updated_at);
