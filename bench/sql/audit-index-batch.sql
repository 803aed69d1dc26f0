-- One audit batch of 137 records as the pipeline writes them (uuid ids, 100k sessions, a payload of ~600 B): the
-- INSERT … ON CONFLICT (record_key) DO NOTHING of AuditStore, without its session-group CTEs (the same in both schemas).
WITH r AS (
  SELECT gen_random_uuid()::text AS event_id, (ARRAY['SESSION_SEND_MESSAGE_REQUESTED','ADMIN_SESSION_SENDMSG','SESSION_DISCONNECT_REQUESTED','ADMIN_SESSION_DISCONNECT'])[1 + (g % 4)] AS type,
         'INFO' AS severity, 'SESSION' AS module, 'message sent to the session of user ' || g AS message,
         (extract(epoch from clock_timestamp()) * 1000)::bigint AS time,
         'user-' || (random() * 10000)::int AS user_id, 'machine-' || (random() * 10000)::int AS machine_id,
         'host.example.com' AS machine_dns_name, 'pool-' || (g % 50) AS desktop_pool_name,
         md5(random()::text) AS session_id, gen_random_uuid()::text AS command_id,
         'admin' AS requested_by, 'session.outcomes.v1' AS source_topic, g % 3 AS source_partition, g AS source_offset,
         gen_random_uuid()::text AS record_key, 'group-' || (g % 10) AS access_group_id
  FROM generate_series(1, 137) g)
INSERT INTO audit_event (event_id, type, severity, module, message, time, user_id, machine_id, machine_dns_name,
  desktop_pool_name, session_id, command_id, requested_by, source_topic, source_partition, source_offset, received_at,
  payload, record_key, access_group_id)
SELECT event_id, type, severity, module, message, time, user_id, machine_id, machine_dns_name, desktop_pool_name,
  session_id, command_id, requested_by, source_topic, source_partition, source_offset, time,
  jsonb_build_object('id', event_id, 'type', type, 'session_id', session_id, 'command_id', command_id, 'user', user_id,
   'machine', machine_id, 'message', message, 'pad', repeat('x', 300)), record_key, access_group_id
FROM r ON CONFLICT (record_key) DO NOTHING;
