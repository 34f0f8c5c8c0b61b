/*
 * test-db-pg.c: the PostgreSQL backend. What needs no server: which words
 * name a server's database, how they are shown (never with a password),
 * and the store's SQLite statements as PostgreSQL gets them. Then, on the
 * server $PARAPET_TEST_PG names (each such test SKIPs without one), how a
 * statement's rows are read: one at a time as they come, a large result
 * without holding it, other statements run between the rows, and a
 * failure in the middle of a result said as a failure.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/resource.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/error.h"


#if defined(__SANITIZE_ADDRESS__)
#define PARAPET_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PARAPET_ASAN 1
#endif
#endif
#ifdef PARAPET_ASAN
static const int	asan_build = 1;
#else
static const int	asan_build = 0;
#endif

static void
test_names(void **state)
{
	(void)state;
	assert_true(db_names_server("postgresql://u@h/db"));
	assert_true(db_names_server("postgres://h/db"));
	assert_true(db_names_server("host=/tmp dbname=x"));
	assert_true(db_names_server("dbname = x"));
	assert_true(db_names_server("service=register"));
	assert_false(db_names_server("parapet.db"));
	assert_false(db_names_server("./host=x.db"));
	assert_false(db_names_server("team=a.db"));
	assert_false(db_names_server("postgresql.db"));
	assert_false(db_names_server("host"));
}

static void
check_display(const char *in, const char *want)
{
	char	*got = db_display(in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_display(void **state)
{
	(void)state;
	check_display("a/b.db", "a/b.db");
	check_display("postgresql://alice:s3cret@db.example/reg",
	    "postgresql://alice@db.example/reg");
	check_display("postgres://alice@db.example:5433/reg",
	    "postgres://alice@db.example:5433/reg");
	check_display("postgresql://db.example/reg?user=a&password=x&"
	    "sslmode=require", "postgresql://db.example/reg?user=a&"
	    "sslmode=require");
	check_display("postgresql://db.example/reg?password=x",
	    "postgresql://db.example/reg");
	check_display("postgresql://:pw@/reg?host=/tmp",
	    "postgresql://@/reg?host=/tmp");
	check_display("host=h password=secret dbname=reg",
	    "host=h dbname=reg");
	check_display("host=h password = 'sec ret\\' x' dbname=reg",
	    "host=h dbname=reg");
	check_display("password=x", "");
	check_display("host=h sslpassword=k sslkey=/k.pem", "host=h "
	    "sslkey=/k.pem");
	check_display("postgresql://h/r?sslpassword=k&sslmode=verify-full",
	    "postgresql://h/r?sslmode=verify-full");
}

static void
check_sql(const char *in, const char *want, int nwant)
{
	int	 n = -1;
	char	*got = db_pg_translate(in, &n);

	assert_string_equal(got, want);
	assert_int_equal(n, nwant);
	free(got);
}

static void
test_translate(void **state)
{
	(void)state;
	check_sql("SELECT a FROM t WHERE b = ? AND c = ?",
	    "SELECT a FROM t WHERE b = $1 AND c = $2", 2);
	check_sql("UPDATE t SET a = ?1 WHERE b = ?3 AND a IS NOT ?1",
	    "UPDATE t SET a = $1 WHERE b = $3 AND a IS DISTINCT FROM $1", 3);
	check_sql("SELECT 1 WHERE a IS NOT NULL AND b IS NULL",
	    "SELECT 1 WHERE a IS NOT NULL AND b IS NULL", 0);
	check_sql("SELECT ifnull(a, 0), instr(a, char(10)) FROM t",
	    "SELECT coalesce(a, 0), strpos(a, chr(10)) FROM t", 0);
	/* Strings and quoted names are left alone. */
	check_sql("SELECT 'is ? ifnull(x) IS NOT y', \"char\"(1) FROM t",
	    "SELECT 'is ? ifnull(x) IS NOT y', \"char\"(1) FROM t", 0);
	check_sql("SELECT 'it''s ?' WHERE a = ?",
	    "SELECT 'it''s ?' WHERE a = $1", 1);
	check_sql("BEGIN IMMEDIATE", "BEGIN", 0);
	check_sql("BEGIN EXCLUSIVE", "BEGIN", 0);
	check_sql("SELECT 1 FROM a JOIN b INDEXED BY b_i ON a.x = b.x",
	    "SELECT 1 FROM a JOIN b ON a.x = b.x", 0);
	/* A column named like a function is a column. */
	check_sql("SELECT t.instr, char FROM t", "SELECT t.instr, char FROM t",
	    0);
}

/* A connection to the test server, or NULL when there is none. */
static struct db *
server(void)
{
	const char	*conninfo = getenv("PARAPET_TEST_PG");
	struct error	 err;
	struct db	*db;

	if (conninfo == NULL || *conninfo == '\0')
		return NULL;
	error_clear(&err);
	db = db_pg_open(conninfo, "test server", 0, &err);
	if (db == NULL)
		fail_msg("cannot connect to the test server: %s", err.msg);
	return db;
}

static struct db_stmt *
prepare(struct db *db, const char *sql)
{
	struct db_stmt	*st = NULL;

	if (db_prepare(db, sql, 0, &st) != DB_OK)
		fail_msg("prepare '%s': %s", sql, db_message(db));
	return st;
}

/* Peak resident memory of this process so far, in KiB. */
static long
peak_kib(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/*
 * A result of some 150 MB (a million rows of 150 bytes) is read holding
 * what one row needs: a register read from a server (an export) takes no
 * more memory for a larger model.
 */
static void
test_large_result_streams(void **state)
{
	struct db	*db;
	struct db_stmt	*st;
	long		 before, n = 0, sum = 0;
	int		 rc;

	(void)state;
	if ((db = server()) == NULL)
		skip();
	st = prepare(db, "SELECT g, repeat('x', 150) FROM "
	    "generate_series(1, 1000000) g");
	assert_int_equal(db_exec(db, "BEGIN"), DB_OK);
	before = peak_kib();
	assert_int_equal(db_step(st), DB_ROW);
	n = 1;
	sum = 1;
	while ((rc = db_step(st)) == DB_ROW) {
		n++;
		sum += (long)db_column_int64(st, 0) % 7;
		assert_int_equal(strlen(db_column_text(st, 1)), 150);
	}
	assert_int_equal(rc, DB_DONE);
	assert_int_equal(n, 1000000);
	assert_int_equal(sum, 2999998);	/* every row came, once */
	/*
	 * Not the 150 MB of the result: a few MiB of buffers at most. Under
	 * AddressSanitizer freed memory is held in quarantine, so the peak
	 * says nothing there (every row is still checked above).
	 */
	if (!asan_build && peak_kib() - before > 32 * 1024)
		fail_msg("reading a result of 150 MB grew the peak memory by "
		    "%ld KiB", peak_kib() - before);
	db_reset(st);
	db_finalize(st);
	assert_int_equal(db_exec(db, "ROLLBACK"), DB_OK);
	db_close(db);
}

/*
 * While one statement's rows are read, others run (the store looks each
 * risk up while it lists them): every row still comes, in order, and the
 * current row's text stays readable across the other statement.
 */
static void
test_nested_statements(void **state)
{
	struct db	*db;
	struct db_stmt	*outer, *inner, *write;
	const char	*text;
	char		 want[32];
	long		 n = 0;
	int		 rc;

	(void)state;
	if ((db = server()) == NULL)
		skip();
	assert_int_equal(db_exec(db, "BEGIN"), DB_OK);
	assert_int_equal(db_exec(db, "CREATE TEMP TABLE seen (n integer)"),
	    DB_OK);
	outer = prepare(db, "SELECT g, 'row ' || g FROM "
	    "generate_series(1, ?) g");
	inner = prepare(db, "SELECT count(*), max(n) FROM seen");
	write = prepare(db, "INSERT INTO seen VALUES (?)");
	assert_int_equal(db_bind_int64(outer, 1, 5000), DB_OK);
	while ((rc = db_step(outer)) == DB_ROW) {
		n++;
		assert_int_equal(db_column_int64(outer, 0), n);
		text = db_column_text(outer, 1);
		snprintf(want, sizeof want, "row %ld", n);
		assert_string_equal(text, want);
		if (n % 1000 != 1)
			continue;
		/* Another statement, a write and a read, between rows. */
		assert_int_equal(db_bind_int64(write, 1, n), DB_OK);
		assert_int_equal(db_step(write), DB_DONE);
		db_reset(write);
		assert_int_equal(db_step(inner), DB_ROW);
		assert_int_equal(db_column_int64(inner, 1), n);
		db_reset(inner);
		assert_true(db_in_transaction(db));
		/* The row read before is as it was. */
		assert_string_equal(text, want);
		assert_string_equal(db_column_text(outer, 1), want);
	}
	assert_int_equal(rc, DB_DONE);
	assert_int_equal(n, 5000);
	/* Run again, left half read: the next statement is not confused. */
	db_reset(outer);
	assert_int_equal(db_bind_int64(outer, 1, 10), DB_OK);
	assert_int_equal(db_step(outer), DB_ROW);
	assert_int_equal(db_step(outer), DB_ROW);
	db_reset(outer);
	assert_int_equal(db_step(inner), DB_ROW);
	assert_int_equal(db_column_int64(inner, 0), 5);
	db_reset(inner);
	db_finalize(outer);
	db_finalize(inner);
	db_finalize(write);
	assert_int_equal(db_exec(db, "ROLLBACK"), DB_OK);
	/* Outside a transaction, a result being read is not one. */
	outer = prepare(db, "SELECT g FROM generate_series(1, 10) g");
	assert_int_equal(db_step(outer), DB_ROW);
	assert_false(db_in_transaction(db));
	db_reset(outer);
	db_finalize(outer);
	db_close(db);
}

/*
 * Read to the end of a statement that fails in the middle of its result:
 * its last step is a failure, never DB_DONE as if the rows read were all.
 * Returns that step's code.
 */
static int
read_to_failure(struct db_stmt *st, struct db_stmt *other, long *rows)
{
	int	rc;

	*rows = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		(*rows)++;
		/* Once, another statement between rows. */
		if (other != NULL && *rows == 10) {
			assert_int_equal(db_step(other), DB_ROW);
			db_reset(other);
		}
	}
	return rc;
}

/* A failure of the statement in the middle of its rows. */
static void
test_failure_mid_result(void **state)
{
	static const char *const sql = "SELECT g, CASE WHEN g = 50000 THEN "
	    "1 / (g - g) ELSE g END FROM generate_series(1, 100000) g";
	struct db	*db;
	struct db_stmt	*st, *other;
	long		 rows;
	int		 nested;

	(void)state;
	if ((db = server()) == NULL)
		skip();
	/* Read alone, then with another statement run between its rows. */
	for (nested = 0; nested < 2; nested++) {
		assert_int_equal(db_exec(db, "BEGIN"), DB_OK);
		st = prepare(db, sql);
		other = nested ? prepare(db, "SELECT 1") : NULL;
		assert_int_not_equal(read_to_failure(st, other, &rows),
		    DB_DONE);
		assert_true(rows < 50000);
		assert_non_null(strstr(db_message(db), "division by zero"));
		/* Said once: a step after it does not begin again. */
		assert_int_equal(db_step(st), DB_DONE);
		/* The transaction it broke is over, as the store expects. */
		assert_false(db_in_transaction(db));
		db_reset(st);
		db_finalize(st);
		db_finalize(other);
	}
	db_close(db);
}

/* The server gone in the middle of a result. */
static void
test_server_gone_mid_result(void **state)
{
	struct db	*db;
	struct db_stmt	*st, *again;
	long		 rows;

	(void)state;
	if ((db = server()) == NULL)
		skip();
	assert_int_equal(db_exec(db, "BEGIN"), DB_OK);
	st = prepare(db, "SELECT g, CASE WHEN g = 50000 THEN "
	    "pg_terminate_backend(pg_backend_pid()) END, repeat('y', 100) "
	    "FROM generate_series(1, 100000) g");
	again = prepare(db, "SELECT 1");
	assert_int_not_equal(read_to_failure(st, NULL, &rows), DB_DONE);
	/* Its own row and a few more may come before it goes. */
	if (rows >= 100000)
		fail_msg("all %ld rows read from a server gone at 50,000",
		    rows);
	/* What comes next fails too, and says so. */
	assert_int_not_equal(db_step(again), DB_ROW);
	db_reset(again);
	db_reset(st);
	db_finalize(st);
	db_finalize(again);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_display),
		cmocka_unit_test(test_translate),
		cmocka_unit_test(test_large_result_streams),
		cmocka_unit_test(test_nested_statements),
		cmocka_unit_test(test_failure_mid_result),
		cmocka_unit_test(test_server_gone_mid_result),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
