/// Group commit of deletes for PostgreSQL (migration v6): the deletes a relay instance has received
/// at once, by one statement, `sealpost_delete_many`, in one transaction with one flushed commit
/// (`PostgresBatcher` gathers them), as deposits are (`PostgresDepositManyFunction`). The rows
/// written are those `sealpost_delete` writes, one delete after another.
///
/// Each delete gets the answer `sealpost_delete` would have given it: true when the copy was
/// waiting and is now deleted; false when it was not waiting in that mailbox (never there,
/// deleted already, expired), or had passed its expiry, in which case it is marked expired as of
/// its expiry, as a sweep would have marked it. A batch names each (envelope id, mailbox) once
/// (`PostgresBatcher` holds a repeat back for the next batch, which then finds it deleted).
///
/// Locks are taken in the order of the statements of `sealpost_delete`, phase by phase, each
/// phase in one order, so batches through several instances, and deletes of relays of the version
/// before, never wait for each other in a circle:
///
/// 1. The waiting copies (delivery rows), one by one in (mailbox, envelope id) byte order, each
///    locked (`FOR UPDATE`; a copy another delete ended meanwhile is then found not waiting) and
///    marked deleted or expired.
/// 2. The mailboxes' usage rows, in sorted (byte) order, each counted down once for all its copies.
/// 3. The envelopes, in sequence order, each counted down once for all its copies; the body of
///    one no mailbox waits for any more is dropped.
///
/// Deposits lock new envelope rows and then usage rows in sorted order, and never a delivery row
/// or an envelope row that a delete could lock, so a batch of deposits and a batch of deletes
/// wait for each other at most once. The expiry sweep ends copies one at a time (usage, then
/// envelope, for each); a deadlock with it is ended by the server and the batch run again, as
/// a single delete was before (`PostgresRelayRepository.retrying`).
///
/// Every statement looks rows up by index (by the envelope id, the delivery's key, the mailbox, the
/// sequence number): the server plans a function's statements once for any batch, and an unnest
/// joined to a table could be planned as a scan of it.
enum PostgresDeleteManyFunction {
    static let create = """
        CREATE FUNCTION sealpost_delete_many(p_ids BYTEA[], p_mailboxes TEXT[], p_now BIGINT[])
        RETURNS TABLE (r_item INTEGER, r_deleted BOOLEAN)
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE
            v_n INTEGER := cardinality(p_ids);
            v_seq BIGINT[] := array_fill(NULL::BIGINT, ARRAY[v_n]);
            v_size BIGINT[] := array_fill(NULL::BIGINT, ARRAY[v_n]);
            v_deleted BOOLEAN[] := array_fill(false, ARRAY[v_n]);
            v_i INTEGER;
            v_s BIGINT;
            v_sz BIGINT;
            v_expires BIGINT;
            v_waiting INTEGER;
            v_row RECORD;
        BEGIN
            -- 1. The copies, locked in (mailbox, id) order, and ended.
            FOR v_i IN SELECT t.i FROM unnest(p_mailboxes, p_ids) WITH ORDINALITY AS t(mailbox, id, i)
                       ORDER BY t.mailbox COLLATE "C", t.id LOOP
                SELECT e.seq, e.size, e.expires_at INTO v_s, v_sz, v_expires
                FROM delivery d JOIN envelope e ON e.seq = d.seq
                WHERE e.id = p_ids[v_i] AND d.mailbox = p_mailboxes[v_i] AND d.state = 0 FOR UPDATE OF d;
                IF FOUND THEN
                    v_seq[v_i] := v_s;
                    v_size[v_i] := v_sz;
                    v_deleted[v_i] := v_expires > p_now[v_i];
                    UPDATE delivery SET state = CASE WHEN v_deleted[v_i] THEN 1 ELSE 2 END,
                                        at = CASE WHEN v_deleted[v_i] THEN p_now[v_i] ELSE v_expires END
                    WHERE seq = v_s AND mailbox = p_mailboxes[v_i] AND state = 0;
                END IF;
            END LOOP;

            -- 2. Usage, each mailbox once, in sorted order.
            FOR v_row IN SELECT t.mailbox, count(*) AS copies, sum(t.size) AS bytes
                         FROM unnest(p_mailboxes, v_size) AS t(mailbox, size) WHERE t.size IS NOT NULL
                         GROUP BY t.mailbox ORDER BY t.mailbox COLLATE "C" LOOP
                UPDATE mailbox_usage SET count = count - v_row.copies, bytes = bytes - v_row.bytes WHERE mailbox = v_row.mailbox;
            END LOOP;

            -- 3. Envelopes, each once, in sequence order; a body nobody waits for is dropped.
            FOR v_row IN SELECT t.seq, count(*) AS copies FROM unnest(v_seq) AS t(seq) WHERE t.seq IS NOT NULL
                         GROUP BY t.seq ORDER BY t.seq LOOP
                UPDATE envelope SET waiting = waiting - v_row.copies WHERE seq = v_row.seq RETURNING waiting INTO v_waiting;
                IF v_waiting = 0 THEN
                    DELETE FROM deposit_body WHERE seq = v_row.seq;
                END IF;
            END LOOP;

            FOR v_i IN 1 .. v_n LOOP
                r_item := v_i;
                r_deleted := v_deleted[v_i];
                RETURN NEXT;
            END LOOP;
        END
        $$
        """
}
