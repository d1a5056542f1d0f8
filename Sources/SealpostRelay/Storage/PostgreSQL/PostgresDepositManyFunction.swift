/// Group commit for PostgreSQL (migration v5): the deposits a relay instance has received at once,
/// stored by one statement, `sealpost_deposit_many`, in one transaction with one flushed commit
/// (`PostgresBatcher` gathers them). The server's per-statement and per-commit costs, and
/// the WAL flush, are shared by the batch; the rows are the same as `sealpost_deposit`'s.
///
/// Each deposit still gets its own answer, exactly the one `sealpost_deposit` would have given had
/// the batch's deposits come one after another in their order: a refusal of one (a full mailbox, a
/// staged body that is not whole) refuses only that one, and nothing of it stays (its envelope row
/// is deleted in the same transaction and its usage counted back down before the commit). The
/// batch must not name one envelope id twice (`PostgresBatcher` holds a repeat back for the next batch,
/// which then finds it a duplicate or a conflict as a later deposit would).
///
/// Locks are taken in the order every deposit takes them, whatever the relay's version, so
/// instances of either version over one database never wait for each other in a circle:
///
/// 1. The envelope ids, all of them, in ascending byte order (`ON CONFLICT DO NOTHING`): a
///    concurrent deposit of one of them, through any instance, waits for this batch, or this
///    batch for it. An id already known is answered with its stored receipt (outcome 1).
/// 2. The staged bodies of the new deposits (rows no other deposit touches), checked whole and
///    locked; one that is not whole refuses its deposit (outcome 3).
/// 3. The usage rows of every mailbox of the new deposits, in one upsert in sorted (byte) order,
///    counted up by all of them at once. Then, in the batch's order, each deposit is taken if each
///    of its mailboxes has room for it beside the deposits taken before it, else refused naming
///    the first mailbox (in byte order) without room (outcome 2), as `sealpost_deposit` names it.
/// 4. The refused deposits' envelope rows are deleted and their counts taken off the usage rows
///    (already locked), then the taken deposits' bodies and deliveries are written.
///
/// Arguments are parallel arrays, one element per deposit, except `p_mailboxes` and `p_item`: each
/// deposit's mailboxes (sorted, no repeats) one after another, and the deposit (1-based) each
/// belongs to. `p_bytes` holds a whole body (empty for a staged one); `p_staged` the staged body's
/// id (0 for a whole one). One row is returned per deposit: its 1-based index, its outcome (0
/// stored, 1 id already known, 2 mailbox full, 3 staged body not whole), the full mailbox, and for
/// a known id the stored receipt's fields and mailboxes (NULL when the id was forgotten meanwhile).
enum PostgresDepositManyFunction {
    static let stored: Int16 = 0
    static let known: Int16 = 1
    static let mailboxFull: Int16 = 2
    static let stagedBodyNotWhole: Int16 = 3

    static let create = """
        CREATE FUNCTION sealpost_deposit_many(
            p_ids BYTEA[], p_senders TEXT[], p_relays TEXT[], p_sizes BIGINT[], p_deposited_at BIGINT[], p_expires_at BIGINT[],
            p_forget_at BIGINT[], p_signatures BYTEA[], p_counts INTEGER[], p_mailboxes TEXT[], p_item INTEGER[],
            p_bytes BYTEA[], p_staged BIGINT[], p_parts BIGINT[], p_max_count BIGINT[], p_max_bytes BIGINT[])
        RETURNS TABLE (r_item INTEGER, r_outcome SMALLINT, r_mailbox TEXT, r_sender TEXT, r_relay TEXT, r_deposited_at BIGINT,
                       r_expires_at BIGINT, r_signature BYTEA, r_mailboxes TEXT[])
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE
            v_n INTEGER := cardinality(p_ids);
            v_seq BIGINT[] := array_fill(NULL::BIGINT, ARRAY[v_n]);
            v_outcome SMALLINT[] := array_fill(1::SMALLINT, ARRAY[v_n]);
            v_full TEXT[] := array_fill(NULL::TEXT, ARRAY[v_n]);
            v_names TEXT[] := '{}';
            v_count BIGINT[] := '{}';
            v_bytes BIGINT[] := '{}';
            v_refused BOOLEAN := false;
            v_row RECORD;
            v_i INTEGER;
            v_j INTEGER;
            v_k INTEGER;
            v_first INTEGER := 1;
            v_gone BIGINT[] := '{}';
            v_staged BOOLEAN := false;
        BEGIN
            -- 1. The ids, in byte order; the new ones are outcome 0 until refused.
            FOR v_row IN
                INSERT INTO envelope AS e (id, sender, relay, size, deposited_at, expires_at, forget_at, signature, waiting)
                SELECT t.id, t.sender, t.relay, t.size, t.deposited_at, t.expires_at, t.forget_at, t.signature, t.waiting
                FROM unnest(p_ids, p_senders, p_relays, p_sizes, p_deposited_at, p_expires_at, p_forget_at, p_signatures, p_counts)
                     AS t(id, sender, relay, size, deposited_at, expires_at, forget_at, signature, waiting)
                ORDER BY t.id
                ON CONFLICT (id) DO NOTHING RETURNING e.id, e.seq
            LOOP
                v_i := array_position(p_ids, v_row.id);
                v_seq[v_i] := v_row.seq;
                v_outcome[v_i] := 0;
            END LOOP;

            -- 2. Staged bodies: whole, and locked, or the deposit is refused.
            v_staged := EXISTS (SELECT 1 FROM unnest(p_staged) AS s(body) WHERE s.body <> 0);
            IF v_staged THEN
                FOR v_i IN SELECT t.i FROM unnest(p_staged) WITH ORDINALITY AS t(body, i)
                           WHERE t.body <> 0 AND v_outcome[t.i] = 0 LOOP
                    PERFORM 1 FROM deposit_body b
                    WHERE b.id = p_staged[v_i] AND b.seq IS NULL
                      AND (SELECT count(*) = p_parts[v_i] AND coalesce(sum(length(c.bytes)), 0) = p_sizes[v_i]
                           FROM deposit_chunk c WHERE c.body = p_staged[v_i])
                    FOR UPDATE OF b;
                    IF NOT FOUND THEN
                        v_outcome[v_i] := 3;
                        v_refused := true;
                    END IF;
                END LOOP;
            END IF;

            -- 3. Usage, counted up by every new deposit at once, in sorted order; then the usage
            -- before the batch, and each deposit in turn taken or refused.
            FOR v_row IN
                INSERT INTO mailbox_usage AS u (mailbox, count, bytes)
                SELECT m.mailbox, count(*), sum(p_sizes[m.item])
                FROM unnest(p_mailboxes, p_item) AS m(mailbox, item)
                WHERE v_outcome[m.item] = 0
                GROUP BY m.mailbox ORDER BY m.mailbox COLLATE "C"
                ON CONFLICT (mailbox) DO UPDATE SET count = u.count + excluded.count, bytes = u.bytes + excluded.bytes
                RETURNING u.mailbox, u.count, u.bytes
            LOOP
                v_names := v_names || v_row.mailbox;
                v_count := v_count || v_row.count;
                v_bytes := v_bytes || v_row.bytes;
            END LOOP;
            FOR v_j IN 1 .. coalesce(cardinality(p_mailboxes), 0) LOOP
                v_i := p_item[v_j];
                IF v_outcome[v_i] = 0 THEN
                    v_k := array_position(v_names, p_mailboxes[v_j]);
                    v_count[v_k] := v_count[v_k] - 1;
                    v_bytes[v_k] := v_bytes[v_k] - p_sizes[v_i];
                END IF;
            END LOOP;
            FOR v_i IN 1 .. v_n LOOP
                IF v_outcome[v_i] = 0 THEN
                    FOR v_j IN v_first .. v_first + p_counts[v_i] - 1 LOOP
                        v_k := array_position(v_names, p_mailboxes[v_j]);
                        IF v_count[v_k] + 1 > p_max_count[v_i] OR v_bytes[v_k] + p_sizes[v_i] > p_max_bytes[v_i] THEN
                            v_full[v_i] := p_mailboxes[v_j];
                            v_outcome[v_i] := 2;
                            v_refused := true;
                            EXIT;
                        END IF;
                    END LOOP;
                    IF v_outcome[v_i] = 0 THEN
                        FOR v_j IN v_first .. v_first + p_counts[v_i] - 1 LOOP
                            v_k := array_position(v_names, p_mailboxes[v_j]);
                            v_count[v_k] := v_count[v_k] + 1;
                            v_bytes[v_k] := v_bytes[v_k] + p_sizes[v_i];
                        END LOOP;
                    END IF;
                END IF;
                v_first := v_first + p_counts[v_i];
            END LOOP;

            -- 4. Nothing of a refused deposit stays; the taken ones get their bodies and deliveries.
            IF v_refused THEN
                UPDATE mailbox_usage AS u SET count = u.count - d.count, bytes = u.bytes - d.bytes
                FROM (SELECT m.mailbox, count(*) AS count, sum(p_sizes[m.item]) AS bytes
                      FROM unnest(p_mailboxes, p_item) AS m(mailbox, item)
                      WHERE v_outcome[m.item] = 2 GROUP BY m.mailbox) AS d
                WHERE u.mailbox = d.mailbox;
                FOR v_i IN 1 .. v_n LOOP
                    IF v_outcome[v_i] IN (2, 3) THEN
                        v_gone := v_gone || v_seq[v_i];
                    END IF;
                END LOOP;
                DELETE FROM envelope WHERE seq = ANY(v_gone);
            END IF;
            IF v_staged THEN
                FOR v_i IN 1 .. v_n LOOP
                    IF v_outcome[v_i] = 0 AND p_staged[v_i] <> 0 THEN
                        UPDATE deposit_body SET seq = v_seq[v_i] WHERE id = p_staged[v_i];
                    END IF;
                END LOOP;
            END IF;
            WITH bodies AS (
                INSERT INTO deposit_body (seq, started_at)
                SELECT v_seq[t.i], p_deposited_at[t.i] FROM generate_subscripts(p_ids, 1) AS t(i)
                WHERE v_outcome[t.i] = 0 AND p_staged[t.i] = 0
                RETURNING id, seq
            )
            INSERT INTO deposit_chunk (body, part, bytes)
            SELECT bodies.id, 0, p_bytes[array_position(v_seq, bodies.seq)] FROM bodies;
            INSERT INTO delivery (seq, mailbox, state)
            SELECT v_seq[m.item], m.mailbox, 0 FROM unnest(p_mailboxes, p_item) AS m(mailbox, item)
            WHERE v_outcome[m.item] = 0;

            -- One row per deposit, in order; a known id's stored receipt looked up by its index
            -- (each statement here is planned once for any batch, so no join that could scan a table).
            FOR v_i IN 1 .. v_n LOOP
                r_item := v_i;
                r_outcome := v_outcome[v_i];
                r_mailbox := v_full[v_i];
                r_sender := NULL; r_relay := NULL; r_deposited_at := NULL; r_expires_at := NULL;
                r_signature := NULL; r_mailboxes := NULL;
                IF v_outcome[v_i] = 1 THEN
                    SELECT e.sender, e.relay, e.deposited_at, e.expires_at, e.signature,
                           ARRAY(SELECT d.mailbox FROM delivery d WHERE d.seq = e.seq ORDER BY d.mailbox COLLATE "C")
                    INTO r_sender, r_relay, r_deposited_at, r_expires_at, r_signature, r_mailboxes
                    FROM envelope e WHERE e.id = p_ids[v_i];
                END IF;
                RETURN NEXT;
            END LOOP;
        END
        $$
        """
}
