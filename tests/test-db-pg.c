/*
 * test-db-pg.c: what needs no server in the PostgreSQL backend: which
 * words name a server's database, how they are shown (never with a
 * password), and the store's SQLite statements as PostgreSQL gets them.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "store/db.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_display),
		cmocka_unit_test(test_translate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
