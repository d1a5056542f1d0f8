/// The deposit, and the delete, as server-side functions (migration v4), so that storing an envelope costs one
/// round trip and one commit instead of six statements inside `BEGIN ... COMMIT`, during which the
/// connection sat idle in its transaction waiting for the relay (spec/relay.md §Measured).
/// Relays since migration v5 store deposits in batches (`PostgresDepositManyFunction`), with the
/// same steps and locks; `sealpost_deposit` stays for relays of the version before, which may
/// share the database during an upgrade.
///
/// It runs as its own implicit transaction, committed with `synchronous_commit=on` before the
/// relay reads its answer. The steps and locks are those of the transaction it replaces, in the
/// same order, so instances of either version over one database never wait for each other in a
/// circle:
///
/// 1. The envelope id is inserted first (`ON CONFLICT DO NOTHING`): a concurrent deposit of the
///    same id, through any instance, waits here until the first commits or rolls back. An id
///    already known returns the stored receipt (`stored` false), and the relay decides duplicate
///    or conflict from its sender and mailboxes; nothing is written.
/// 2. The body: a whole one is written as chunk 0; a staged one is claimed only if every chunk is
///    there and they add up to the size (else SQLSTATE `SP422`).
/// 3. The mailboxes' usage rows are created or counted up in sorted order (the array is sorted by
///    the relay), which takes their locks in one order; one past its quota raises SQLSTATE `SP507`
///    with the mailbox as the message, rolling back everything, the envelope included.
/// 4. The deliveries are inserted.
///
/// The function is volatile: each statement in it sees what other transactions committed before
/// it began, as the statements of the old transaction did under READ COMMITTED.
enum PostgresDepositFunction {
    /// SQLSTATE raised when a mailbox would pass its quota; the message is the mailbox.
    static let mailboxFull = "SP507"
    /// SQLSTATE raised when a staged body is not whole.
    static let stagedBodyNotWhole = "SP422"

    static let create = """
        CREATE FUNCTION sealpost_deposit(
            p_id BYTEA, p_sender TEXT, p_relay TEXT, p_size BIGINT, p_deposited_at BIGINT, p_expires_at BIGINT,
            p_forget_at BIGINT, p_signature BYTEA, p_mailboxes TEXT[], p_bytes BYTEA, p_staged BIGINT, p_parts BIGINT,
            p_max_count BIGINT, p_max_bytes BIGINT)
        RETURNS TABLE (r_stored BOOLEAN, r_sender TEXT, r_relay TEXT, r_deposited_at BIGINT, r_expires_at BIGINT,
                       r_signature BYTEA, r_mailboxes TEXT[])
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE
            v_seq BIGINT;
            v_body BIGINT;
            v_full TEXT;
        BEGIN
            INSERT INTO envelope AS e (id, sender, relay, size, deposited_at, expires_at, forget_at, signature, waiting)
            VALUES (p_id, p_sender, p_relay, p_size, p_deposited_at, p_expires_at, p_forget_at, p_signature,
                    cardinality(p_mailboxes))
            ON CONFLICT (id) DO NOTHING RETURNING e.seq INTO v_seq;
            IF v_seq IS NULL THEN
                RETURN QUERY SELECT false, e.sender, e.relay, e.deposited_at, e.expires_at, e.signature,
                    ARRAY(SELECT d.mailbox FROM delivery d WHERE d.seq = e.seq ORDER BY d.mailbox COLLATE "C")
                    FROM envelope e WHERE e.id = p_id;
                RETURN;
            END IF;
            IF p_staged IS NULL THEN
                INSERT INTO deposit_body (seq, started_at) VALUES (v_seq, p_deposited_at) RETURNING id INTO v_body;
                INSERT INTO deposit_chunk (body, part, bytes) VALUES (v_body, 0, p_bytes);
            ELSE
                UPDATE deposit_body SET seq = v_seq
                WHERE id = p_staged AND seq IS NULL
                  AND (SELECT count(*) = p_parts AND coalesce(sum(length(c.bytes)), 0) = p_size
                       FROM deposit_chunk c WHERE c.body = p_staged);
                IF NOT FOUND THEN
                    RAISE EXCEPTION USING ERRCODE = 'SP422', MESSAGE = 'the staged body is not whole';
                END IF;
            END IF;
            WITH counted AS (
                INSERT INTO mailbox_usage AS u (mailbox, count, bytes) SELECT m, 1, p_size FROM unnest(p_mailboxes) AS m
                ON CONFLICT (mailbox) DO UPDATE SET count = u.count + 1, bytes = u.bytes + p_size
                RETURNING u.mailbox, u.count, u.bytes
            )
            SELECT counted.mailbox INTO v_full FROM counted
            WHERE counted.count > p_max_count OR counted.bytes > p_max_bytes
            ORDER BY counted.mailbox COLLATE "C" LIMIT 1;
            IF v_full IS NOT NULL THEN
                RAISE EXCEPTION USING ERRCODE = 'SP507', MESSAGE = v_full;
            END IF;
            INSERT INTO delivery (seq, mailbox, state) SELECT v_seq, m, 0 FROM unnest(p_mailboxes) AS m;
            RETURN QUERY SELECT true, NULL::TEXT, NULL::TEXT, NULL::BIGINT, NULL::BIGINT, NULL::BYTEA, NULL::TEXT[];
        END
        $$
        """

    /// A recipient's delete as one statement: the copy is locked (of two deletes through two
    /// instances the second finds it no longer waiting), marked deleted (or expired, when it is
    /// past its expiry though no sweep has marked it yet), the mailbox's usage counted down, and
    /// the body dropped once no copy waits. The same statements, in the same order, as the
    /// transaction it replaces. True when it was deleted; false when it was not waiting there, or
    /// had expired.
    static let createDelete = """
        CREATE FUNCTION sealpost_delete(p_id BYTEA, p_mailbox TEXT, p_now BIGINT) RETURNS BOOLEAN
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE
            v_seq BIGINT;
            v_size BIGINT;
            v_expires BIGINT;
            v_expired BOOLEAN;
            v_waiting INTEGER;
        BEGIN
            SELECT e.seq, e.size, e.expires_at INTO v_seq, v_size, v_expires
            FROM delivery d JOIN envelope e ON e.seq = d.seq
            WHERE e.id = p_id AND d.mailbox = p_mailbox AND d.state = 0 FOR UPDATE OF d;
            IF NOT FOUND THEN
                RETURN false;
            END IF;
            v_expired := v_expires <= p_now;
            UPDATE delivery SET state = CASE WHEN v_expired THEN 2 ELSE 1 END,
                                at = CASE WHEN v_expired THEN v_expires ELSE p_now END
            WHERE seq = v_seq AND mailbox = p_mailbox AND state = 0;
            UPDATE mailbox_usage SET count = count - 1, bytes = bytes - v_size WHERE mailbox = p_mailbox;
            UPDATE envelope SET waiting = waiting - 1 WHERE seq = v_seq RETURNING waiting INTO v_waiting;
            IF v_waiting = 0 THEN
                DELETE FROM deposit_body WHERE seq = v_seq;
            END IF;
            RETURN NOT v_expired;
        END
        $$
        """
}
