package vn.lienthong.gateway.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.lienthong.gateway.delivery.AcceptOutcome;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.delivery.NewEvent;
import vn.lienthong.gateway.storage.Durability;

/**
 * The payment transactions (payment_transaction, payment_history, payment_receipt). Every write that answers a caller
 * is durable before it returns. A final state is written with the one-stop event reporting it in one transaction, the
 * row locked first: a confirm by callback and one by QUERY at the same moment, on one instance or two, have one effect.
 */
class Transactions {
    enum State { INITIALISED, NOT_OPENED, PENDING, PAID, FAILED, UNRESOLVED;
        boolean open() {
            return this == INITIALISED || this == PENDING;
        }
    }

    /** One stored transaction. */
    record Tx(String reference, String clientId, String idempotencyKey, String requestHash, String dossierCode, long amount,
              String fees, String partnerCode, String txTime, String initSigned, String initBody, State state, String paymentUrl,
              String initAnswer, String transactionCode, String bankCode, String settledBy, OffsetDateTime settledAt,
              String callbackBody, String callbackReply, String queryBody, int checks, OffsetDateTime nextCheckAt,
              OffsetDateTime lastCheckAt, OffsetDateTime mismatchAt, OffsetDateTime createdAt) {
    }

    record History(OffsetDateTime at, State state, String note) {
    }

    record Receipt(String mediaType, byte[] content) {
    }

    /** A confirm, by callback or QUERY: the state it says, what it carried, and (callback) the reply to give. */
    record Confirm(String via, State outcome, String raw, String transactionCode, String bankCode, String reply) {
    }

    /** What a confirm came to: the row before, whether its state changed, and the reply to give (the first one's). */
    record Settled(Tx before, boolean changed, String reply) {
    }

    private static final String COLUMNS = "reference, client_id, idempotency_key, request_hash, dossier_code, amount, fees,"
            + " partner_code, tx_time, init_signed, init_body, state, payment_url, init_answer, transaction_code, bank_code,"
            + " settled_by, settled_at, callback_body, callback_reply, query_body, checks, next_check_at, last_check_at,"
            + " mismatch_at, created_at";
    private static final RowMapper<Tx> ROW = Transactions::row;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final DeliveryStore store;
    private final Durability durability;
    private final Clock clock;

    Transactions(DataSource dataSource, PlatformTransactionManager txManager, DeliveryStore store, Durability durability, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(txManager);
        this.store = store;
        this.durability = durability;
        this.clock = clock;
    }

    Optional<Tx> find(String reference) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payment_transaction WHERE reference = :r", Map.of("r", reference), ROW)
                .stream().findFirst();
    }

    Optional<Tx> findByKey(String clientId, String idempotencyKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payment_transaction WHERE client_id = :c AND idempotency_key = :k",
                Map.of("c", clientId, "k", idempotencyKey), ROW).stream().findFirst();
    }

    /** The dossier's transactions, newest first. */
    List<Tx> ofDossier(String dossierCode) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payment_transaction WHERE dossier_code = :d ORDER BY created_at DESC, reference DESC",
                Map.of("d", dossierCode), ROW);
    }

    List<History> history(String reference) {
        return jdbc.query("SELECT at, state, note FROM payment_history WHERE reference = :r ORDER BY id", Map.of("r", reference),
                (rs, n) -> new History(rs.getObject(1, OffsetDateTime.class), State.valueOf(rs.getString(2)), rs.getString(3)));
    }

    /**
     * Stores a transaction INIT was answered for (INITIALISED with its payment page, or NOT_OPENED with the platform's
     * refusal), in one transaction with its first history entry, durable before this returns: the client learns of the
     * payment only from the answer given after it. False when its reference or its client's idempotency key is already
     * stored: nothing is written then.
     */
    boolean insert(Tx t, String note) {
        try {
            tx.executeWithoutResult(s -> {
                jdbc.update("INSERT INTO payment_transaction (reference, client_id, idempotency_key, request_hash, dossier_code, amount,"
                        + " fees, partner_code, tx_time, init_signed, init_body, state, payment_url, init_answer, checks, next_check_at,"
                        + " created_at, updated_at) VALUES (:ref, :client, :key, :hash, :dossier, :amount, :fees, :partner, :time, :signed,"
                        + " :body, :state, :url, :answer, 0, :next, :created, :now)",
                        new MapSqlParameterSource("ref", t.reference()).addValue("client", t.clientId()).addValue("key", t.idempotencyKey())
                                .addValue("hash", t.requestHash()).addValue("dossier", t.dossierCode()).addValue("amount", t.amount())
                                .addValue("fees", t.fees()).addValue("partner", t.partnerCode()).addValue("time", t.txTime())
                                .addValue("signed", t.initSigned()).addValue("body", t.initBody()).addValue("state", t.state().name())
                                .addValue("url", t.paymentUrl()).addValue("answer", cut(t.initAnswer(), 8000))
                                .addValue("next", t.nextCheckAt()).addValue("created", t.createdAt()).addValue("now", now()));
                history(t.reference(), t.state(), cut(note, 500));
            });
        } catch (DuplicateKeyException already) {
            return false;
        }
        durability.await();
        return true;
    }

    /**
     * Applies a confirm in one transaction with the row locked: a first PAID (from any state but PAID) or FAILED (from an
     * open state) changes the state and puts {@code event} of the new state in the outbox; anything else changes nothing
     * but the raw bodies kept. A callback's reply is stored the first time and given again to every repeat. Durable
     * before this returns.
     */
    Settled settle(String reference, Confirm c, BiFunction<Tx, State, NewEvent> event) {
        Settled out = tx.execute(s -> {
            Tx t = jdbc.query("SELECT " + COLUMNS + " FROM payment_transaction WHERE reference = :r FOR UPDATE",
                    Map.of("r", reference), ROW).stream().findFirst().orElse(null);
            if (t == null) {
                return null;
            }
            OffsetDateTime now = now();
            boolean callback = "CALLBACK".equals(c.via());
            String reply = t.callbackReply() != null ? t.callbackReply() : c.reply();
            if (callback && t.callbackBody() == null) {
                jdbc.update("UPDATE payment_transaction SET callback_body = :b, callback_reply = :reply WHERE reference = :r",
                        new MapSqlParameterSource("b", cut(c.raw(), 8000)).addValue("reply", c.reply()).addValue("r", reference));
            }
            boolean changes = (c.outcome() == State.PAID && t.state() != State.PAID)
                    || (c.outcome() == State.FAILED && (t.state().open() || t.state() == State.UNRESOLVED));
            if (!changes) {
                if (callback) {
                    history(reference, t.state(), "confirm callback repeated or late: nothing changed (said " + c.outcome() + ")");
                }
                return new Settled(t, false, reply);
            }
            jdbc.update("UPDATE payment_transaction SET state = :state, transaction_code = :code, bank_code = :bank, settled_by = :via,"
                    + " settled_at = :now, next_check_at = NULL, updated_at = :now WHERE reference = :r",
                    new MapSqlParameterSource("state", c.outcome().name()).addValue("code", c.transactionCode())
                            .addValue("bank", c.bankCode()).addValue("via", c.via()).addValue("now", now).addValue("r", reference));
            history(reference, c.outcome(), (callback ? "confirm callback: " : "QUERY".equals(c.via()) ? "QUERY: " : "portal THANH_TOAN: ") + c.outcome());
            AcceptOutcome o = store.acceptInTransaction(List.of(event.apply(t, c.outcome()))).get(0);
            if (o.kind() == AcceptOutcome.Kind.CONFLICT) {
                throw new IllegalStateException("one-stop event of payment " + reference + " exists with another body");
            }
            return new Settled(t, true, reply);
        });
        durability.await();
        return out;
    }

    /** A QUERY answered pending (TrangThaiGD 3 or unknown) or failed to be answered: ask again at {@code next}. */
    void checked(String reference, String raw, String note, OffsetDateTime next) {
        tx.executeWithoutResult(s -> {
            int n = jdbc.update("UPDATE payment_transaction SET state = CASE WHEN state = 'INITIALISED' AND :pending THEN 'PENDING' ELSE state END,"
                    + " query_body = COALESCE(:raw, query_body), checks = checks + 1, last_check_at = :now, next_check_at = :next,"
                    + " updated_at = :now WHERE reference = :r AND state IN ('INITIALISED', 'PENDING')",
                    new MapSqlParameterSource("pending", raw != null).addValue("raw", raw == null ? null : cut(raw, 8000))
                            .addValue("now", now()).addValue("next", next).addValue("r", reference));
            if (n == 1) {
                history(reference, raw != null ? State.PENDING : find(reference).map(Tx::state).orElse(State.PENDING), cut(note, 500));
            }
        });
    }

    /** The QUERY answer of a settled transaction, kept with it. */
    void queried(String reference, String raw) {
        jdbc.update("UPDATE payment_transaction SET query_body = :raw, checks = checks + 1, last_check_at = :now WHERE reference = :r",
                new MapSqlParameterSource("raw", cut(raw, 8000)).addValue("now", now()).addValue("r", reference));
    }

    /** Past the deadline without a final answer: no longer asked about; an officer settles it. */
    void unresolved(String reference) {
        tx.executeWithoutResult(s -> {
            int n = jdbc.update("UPDATE payment_transaction SET state = 'UNRESOLVED', next_check_at = NULL, updated_at = :now"
                    + " WHERE reference = :r AND state IN ('INITIALISED', 'PENDING')",
                    new MapSqlParameterSource("now", now()).addValue("r", reference));
            if (n == 1) {
                history(reference, State.UNRESOLVED, "no final answer before the QUERY deadline");
            }
        });
    }

    /** Transactions the QUERY job should ask about now, oldest due first. */
    List<Tx> due(OffsetDateTime now, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payment_transaction WHERE next_check_at <= :now"
                + " AND state IN ('INITIALISED', 'PENDING') ORDER BY next_check_at FETCH FIRST " + limit + " ROWS ONLY",
                Map.of("now", now), ROW);
    }

    /** A confirm whose amount was not the one asked: kept for the investigation; the state does not change. */
    void mismatch(String reference, String raw) {
        tx.executeWithoutResult(s -> {
            jdbc.update("UPDATE payment_transaction SET mismatch_at = :now, mismatch_body = :raw WHERE reference = :r",
                    new MapSqlParameterSource("now", now()).addValue("raw", cut(raw, 8000)).addValue("r", reference));
            history(reference, find(reference).map(Tx::state).orElse(State.INITIALISED), "confirm refused: amount other than asked");
        });
        durability.await();
    }

    /** References with an amount mismatch since {@code since}. */
    List<String> mismatchesSince(OffsetDateTime since) {
        return jdbc.queryForList("SELECT reference FROM payment_transaction WHERE mismatch_at >= :t ORDER BY mismatch_at",
                Map.of("t", since), String.class);
    }

    Optional<Receipt> receipt(String reference) {
        return jdbc.query("SELECT media_type, content FROM payment_receipt WHERE reference = :r", Map.of("r", reference),
                (rs, n) -> new Receipt(rs.getString(1), rs.getBytes(2))).stream().findFirst();
    }

    void storeReceipt(String reference, Receipt r) {
        try {
            jdbc.update("INSERT INTO payment_receipt (reference, media_type, content, fetched_at) VALUES (:r, :t, :c, :now)",
                    new MapSqlParameterSource("r", reference).addValue("t", r.mediaType()).addValue("c", r.content()).addValue("now", now()));
        } catch (DuplicateKeyException fetchedMeanwhile) {
            // another request stored the same receipt first
        }
    }

    private void history(String reference, State state, String note) {
        jdbc.update("INSERT INTO payment_history (reference, at, state, note) VALUES (:r, :at, :s, :n)",
                new MapSqlParameterSource("r", reference).addValue("at", now()).addValue("s", state.name()).addValue("n", note));
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Tx row(ResultSet rs, int n) throws SQLException {
        return new Tx(rs.getString("reference"), rs.getString("client_id"), rs.getString("idempotency_key"), rs.getString("request_hash"),
                rs.getString("dossier_code"), rs.getLong("amount"), rs.getString("fees"), rs.getString("partner_code"),
                rs.getString("tx_time"), rs.getString("init_signed"), rs.getString("init_body"), State.valueOf(rs.getString("state")),
                rs.getString("payment_url"), rs.getString("init_answer"), rs.getString("transaction_code"), rs.getString("bank_code"),
                rs.getString("settled_by"), rs.getObject("settled_at", OffsetDateTime.class), rs.getString("callback_body"),
                rs.getString("callback_reply"), rs.getString("query_body"), rs.getInt("checks"),
                rs.getObject("next_check_at", OffsetDateTime.class), rs.getObject("last_check_at", OffsetDateTime.class),
                rs.getObject("mismatch_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class));
    }
}
