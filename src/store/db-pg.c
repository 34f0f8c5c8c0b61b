/*
 * db-pg.c: the store's database on a PostgreSQL server, through libpq
 * (db.h).
 *
 * The store's SQL is written for SQLite; a statement is translated once,
 * when it is prepared: ? and ?N become $N, and the few SQLite words the
 * store uses get PostgreSQL's (db_pg_translate()). Each statement is a
 * server-side prepared statement of the connection, run when first stepped:
 * its rows are then read from the result, one per step. Parameters are sent
 * as text and typed by the server from where they are used.
 *
 * A statement that fails inside a transaction aborts it on the server; the
 * transaction is rolled back at once, as SQLite does after such errors, so
 * that the store sees no transaction open and reports nothing was kept.
 * The store names the database by db_pg_display(): never its password.
 *
 * libpq is loaded when a database on a server is first opened, not when
 * the program starts: linked in, it and the twenty libraries it brings
 * (TLS, Kerberos, LDAP) cost every command, on SQLite too, some 8 ms of
 * a start of 13 (bench/FIGURES.md). Its functions are called through the
 * table pq, filled once from the library PQ_SONAME names (configure).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/db.h"
#include "util/buf.h"
#include "util/dynlib.h"
#include "util/error.h"
#include "util/xmalloc.h"

struct db_pg {
	struct db	 base;
	PGconn		*conn;
	unsigned long	 nstmts;	/* names the next prepared one */
	char		*msg;		/* the last failure's message */
	int64_t		 changes;	/* rows of the last write */
	int64_t		 total;		/* rows written since opening */
	struct db_pg_stmt *active;	/* whose result is being read */
	int		 intx;		/* a transaction was open when it
					   was sent */
};

/*
 * Rows of a result read ahead of the steps (db_pg_drain()): the texts of
 * their columns one after another in data, cells[row * ncols + column]
 * the offset of one plus one, 0 for NULL; then the end of the result, or
 * its failure (rc, msg).
 */
struct db_pg_rows {
	struct buf	 data;
	size_t		*cells;
	size_t		 nrows, cap;
	int		 ncols;
	size_t		 next;		/* the row the next step gives */
	int		 rc;		/* DB_DONE, or the failure's class */
	char		*msg;		/* the failure's message */
};

struct db_pg_stmt {
	struct db_stmt	  base;
	struct db_pg	 *db;
	char		  name[32];	/* of the prepared statement */
	int		  nparams;
	const char	**values;	/* bound texts (borrowed) or ints */
	char		(*ints)[24];	/* bound integers as text */
	int		  commit;	/* the statement is COMMIT */
	int		  lock;		/* BEGIN IMMEDIATE or EXCLUSIVE */
	PGresult	 *res;		/* the current row, streamed */
	struct db_pg_rows *ahead;	/* or the rows read ahead */
	size_t		  row;		/* the current one in ahead, plus 1 */
	int		  ran;		/* run since the last reset */
	int		  done;		/* its whole result was read */
};

/*
 * The register's advisory lock ("PARA"): shared by writers, exclusive for
 * the schema. A system's lock is the pair (it, hash of the system), in
 * the other space of advisory keys (two integers), so never this one.
 */
#define DB_PG_LOCK	"1347571796"
#define DB_PG_SHARED	1
#define DB_PG_EXCLUSIVE	2

static const struct db_ops db_pg_ops;
static void	db_pg_reset(struct db_stmt *);

/*
 * The functions of libpq the store calls, as dynlib_load() finds them.
 * Each member has the type of the function libpq-fe.h declares, so a
 * call through it is checked as a direct call would be.
 */
struct db_pg_lib {
	__typeof__(PQbackendPID)	*PQbackendPID;
	__typeof__(PQclear)	*PQclear;
	__typeof__(PQcmdTuples)	*PQcmdTuples;
	__typeof__(PQconnectdb)	*PQconnectdb;
	__typeof__(PQconsumeInput)	*PQconsumeInput;
	__typeof__(PQerrorMessage)	*PQerrorMessage;
	__typeof__(PQexec)	*PQexec;
	__typeof__(PQexecParams)	*PQexecParams;
	__typeof__(PQfinish)	*PQfinish;
	__typeof__(PQfreemem)	*PQfreemem;
	__typeof__(PQgetResult)	*PQgetResult;
	__typeof__(PQgetisnull)	*PQgetisnull;
	__typeof__(PQgetvalue)	*PQgetvalue;
	__typeof__(PQnfields)	*PQnfields;
	__typeof__(PQnotifies)	*PQnotifies;
	__typeof__(PQntuples)	*PQntuples;
	__typeof__(PQprepare)	*PQprepare;
	__typeof__(PQresultErrorField)	*PQresultErrorField;
	__typeof__(PQresultErrorMessage)	*PQresultErrorMessage;
	__typeof__(PQresultStatus)	*PQresultStatus;
	__typeof__(PQsendQueryPrepared)	*PQsendQueryPrepared;
	__typeof__(PQsetNoticeProcessor)	*PQsetNoticeProcessor;
	__typeof__(PQsetSingleRowMode)	*PQsetSingleRowMode;
	__typeof__(PQstatus)	*PQstatus;
	__typeof__(PQtransactionStatus)	*PQtransactionStatus;
};
static struct db_pg_lib pq;

/* Each function's name and place in the table. */
#define DB_PG_FN(name)	DYNLIB_SYM(struct db_pg_lib, name)
static const struct dynlib_sym db_pg_fns[] = {
	DB_PG_FN(PQbackendPID), DB_PG_FN(PQclear), DB_PG_FN(PQcmdTuples),
	DB_PG_FN(PQconnectdb), DB_PG_FN(PQconsumeInput),
	DB_PG_FN(PQerrorMessage), DB_PG_FN(PQexec), DB_PG_FN(PQexecParams),
	DB_PG_FN(PQfinish), DB_PG_FN(PQfreemem),
	DB_PG_FN(PQgetResult), DB_PG_FN(PQgetisnull), DB_PG_FN(PQgetvalue),
	DB_PG_FN(PQnfields), DB_PG_FN(PQnotifies), DB_PG_FN(PQntuples),
	DB_PG_FN(PQprepare), DB_PG_FN(PQresultErrorField),
	DB_PG_FN(PQresultErrorMessage), DB_PG_FN(PQresultStatus),
	DB_PG_FN(PQsendQueryPrepared), DB_PG_FN(PQsetNoticeProcessor),
	DB_PG_FN(PQsetSingleRowMode), DB_PG_FN(PQstatus),
	DB_PG_FN(PQtransactionStatus),
};

/* libpq, loaded by db_pg_open() the first time. */
static struct dynlib db_pg_lib = {
	.soname = PQ_SONAME, .what = "PostgreSQL client library",
	.syms = db_pg_fns, .nsyms = sizeof db_pg_fns / sizeof *db_pg_fns,
	.table = &pq,
};

int
db_pg_names(const char *path)
{
	static const char *const keys[] = {
		"host", "hostaddr", "port", "dbname", "user", "password",
		"passfile", "service", "sslmode", "connect_timeout",
		"application_name", "options", "target_session_attrs", NULL
	};
	size_t	n, i;

	if (strncmp(path, "postgresql://", 13) == 0 ||
	    strncmp(path, "postgres://", 11) == 0)
		return 1;
	/* A conninfo begins with one of libpq's keywords and =. */
	while (isspace((unsigned char)*path))
		path++;
	n = strcspn(path, "= \t");
	if (path[n] == '\0')
		return 0;
	for (i = 0; keys[i] != NULL; i++)
		if (strlen(keys[i]) == n && strncmp(path, keys[i], n) == 0)
			break;
	if (keys[i] == NULL)
		return 0;
	path += n;
	while (isspace((unsigned char)*path))
		path++;
	return *path == '=';
}

/* 1 if a connection parameter's name (n bytes at k) is a secret's. */
static int
db_pg_secret(const char *k, size_t n)
{
	return (n == 8 && strncmp(k, "password", 8) == 0) ||
	    (n == 11 && strncmp(k, "sslpassword", 11) == 0);
}

/* Skip a conninfo value (quoted or not) from p; returns what follows. */
static const char *
db_pg_skip_value(const char *p)
{
	if (*p == '\'') {
		for (p++; *p != '\0' && *p != '\''; p++)
			if (*p == '\\' && p[1] != '\0')
				p++;
		return *p == '\'' ? p + 1 : p;
	}
	while (*p != '\0' && !isspace((unsigned char)*p))
		p++;
	return p;
}

char *
db_pg_display(const char *path)
{
	const char	*p, *at, *colon, *q, *start, *key;
	struct buf	 b;
	size_t		 klen;

	buf_init(&b);
	if (strncmp(path, "postgresql://", 13) == 0 ||
	    strncmp(path, "postgres://", 11) == 0) {
		p = strstr(path, "://") + 3;
		buf_add(&b, path, (size_t)(p - path));
		/* user:password@ before the host: keep the user only. */
		at = strpbrk(p, "@/?");
		if (at != NULL && *at == '@') {
			colon = memchr(p, ':', (size_t)(at - p));
			buf_add(&b, p, (size_t)((colon != NULL ? colon : at) -
			    p));
			p = at;
		}
		/* ?password=... among the parameters: leave it out. */
		if ((q = strchr(p, '?')) == NULL) {
			buf_adds(&b, p);
			return buf_detach(&b);
		}
		buf_add(&b, p, (size_t)(q - p));
		start = q + 1;
		key = "?";
		while (*start != '\0') {
			klen = strcspn(start, "&");
			if (!db_pg_secret(start, strcspn(start, "=&"))) {
				buf_adds(&b, key);
				buf_add(&b, start, klen);
				key = "&";
			}
			start += klen;
			if (*start == '&')
				start++;
		}
		return buf_detach(&b);
	}
	/* A conninfo: every key=value but the secrets. */
	p = path;
	while (*p != '\0') {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && *p != '=' && !isspace((unsigned char)*p))
			p++;
		klen = (size_t)(p - start);
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '=') {
			p++;
			while (isspace((unsigned char)*p))
				p++;
			p = db_pg_skip_value(p);
		}
		if (db_pg_secret(start, klen))
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_add(&b, start, (size_t)(p - start));
	}
	return buf_detach(&b);
}

/* The notices of the server (NOTICE, WARNING) are not the user's. */
static void
db_pg_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static void
db_pg_set_msg(struct db_pg *d, const char *m)
{
	size_t	n;

	free(d->msg);
	d->msg = xstrdup(m != NULL && *m != '\0' ? m : "unknown error");
	/* libpq's messages end with a newline, some have more lines. */
	n = strcspn(d->msg, "\n");
	d->msg[n] = '\0';
}

struct db *
db_pg_open(const char *path, const char *display, int flags,
    struct error *err)
{
	struct db_pg	*d;
	PGresult	*res;

	if (dynlib_load(&db_pg_lib, err) == -1)
		return NULL;
	d = xcalloc(1, sizeof *d);
	d->base.ops = &db_pg_ops;
	d->conn = pq.PQconnectdb(path);
	if (d->conn == NULL)
		fatal("out of memory in libpq");
	if (pq.PQstatus(d->conn) != CONNECTION_OK) {
		db_pg_set_msg(d, pq.PQerrorMessage(d->conn));
		error_set(err, "cannot connect to database '%s': %s", display,
		    d->msg);
		goto fail;
	}
	pq.PQsetNoticeProcessor(d->conn, db_pg_notice, NULL);
	/* Text in UTF-8, dates as text, no surprise from the server's
	 * settings; SQLite's LIKE and comparisons are byte-wise. */
	res = pq.PQexec(d->conn, "SET client_encoding = 'UTF8'; "
	    "SET standard_conforming_strings = on; "
	    "SET client_min_messages = error; SET lock_timeout = '2s'; "
	    "LISTEN parapet_changes");
	if (pq.PQresultStatus(res) != PGRES_COMMAND_OK) {
		db_pg_set_msg(d, pq.PQresultErrorMessage(res));
		pq.PQclear(res);
		error_set(err, "cannot connect to database '%s': %s", display,
		    d->msg);
		goto fail;
	}
	pq.PQclear(res);
	/* Read-only: the server refuses every write of this session. */
	if (flags & DB_READONLY_OPEN) {
		res = pq.PQexec(d->conn,
		    "SET default_transaction_read_only = on");
		if (pq.PQresultStatus(res) != PGRES_COMMAND_OK) {
			db_pg_set_msg(d, pq.PQresultErrorMessage(res));
			pq.PQclear(res);
			error_set(err, "cannot connect to database '%s': %s",
			    display, d->msg);
			goto fail;
		}
		pq.PQclear(res);
	}
	return &d->base;

fail:
	pq.PQfinish(d->conn);
	free(d->msg);
	free(d);
	return NULL;
}

static void
db_pg_close(struct db *db)
{
	struct db_pg	*d = (struct db_pg *)db;

	pq.PQfinish(d->conn);
	free(d->msg);
	free(d);
}

/* 1 if the word at p (length n) is w, case-insensitively. */
static int
db_pg_word(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp(p, w, n) == 0;
}

/* The length of the word (identifier or keyword) at p, 0 if none. */
static size_t
db_pg_wordlen(const char *p)
{
	size_t	n = 0;

	while (isalnum((unsigned char)p[n]) || p[n] == '_')
		n++;
	return n;
}

/*
 * PostgreSQL's text for the store's SQLite statement: ? and ?N as $N (the
 * number of parameters in *nparams); x IS NOT y as x IS DISTINCT FROM y
 * (SQLite's IS NOT compares any values); ifnull, instr, char and
 * group_concat as coalesce, strpos, chr and string_agg; SQLite's INDEXED
 * BY hints dropped. BEGIN IMMEDIATE and BEGIN EXCLUSIVE are BEGIN
 * (db_pg_lock() follows), a plain BEGIN a snapshot (REPEATABLE READ),
 * PRAGMA defer_foreign_keys
 * SET CONSTRAINTS ALL DEFERRED. Strings and quoted names are copied as
 * they are; dollar-quoted bodies are not recognised (the schema's have no
 * ? in them). What the store's SQL leaves to SQLite's defaults it does not
 * rely on: every ORDER BY is on NOT NULL columns, and no LIKE is used.
 */
char *
db_pg_translate(const char *sql, int *nparams)
{
	static const struct {
		const char	*from, *to;
	} fn[] = {
		{ "ifnull", "coalesce" }, { "instr", "strpos" },
		{ "char", "chr" }, { "group_concat", "string_agg" },
	};
	const char	*p = sql, *q;
	struct buf	 b;
	size_t		 n, m, i;
	long		 v;
	int		 max = 0;
	char		*end;

	buf_init(&b);
	/* A read: one snapshot for all its queries, as SQLite's. */
	if (strcasecmp(sql, "BEGIN") == 0) {
		*nparams = 0;
		return xstrdup("BEGIN ISOLATION LEVEL REPEATABLE READ");
	}
	/* The one PRAGMA a change uses: keys checked at the commit. */
	if (strcasecmp(sql, "PRAGMA defer_foreign_keys = ON") == 0) {
		*nparams = 0;
		return xstrdup("SET CONSTRAINTS ALL DEFERRED");
	}
	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			q = p + 1;
			while (*q != '\0' && (*q != *p || q[1] == *p))
				q += *q == *p ? 2 : 1;
			if (*q != '\0')
				q++;
			buf_add(&b, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (*p == '?') {
			p++;
			if (isdigit((unsigned char)*p)) {
				v = strtol(p, &end, 10);
				p = end;
			} else
				v = max + 1;
			if (v > max)
				max = (int)v;
			buf_addf(&b, "$%ld", v);
			continue;
		}
		if ((n = db_pg_wordlen(p)) == 0 ||
		    (p > sql && (isalnum((unsigned char)p[-1]) || p[-1] == '_'
		    || p[-1] == '.'))) {
			if (n == 0)
				n = 1;
			buf_add(&b, p, n);
			p += n;
			continue;
		}
		if (db_pg_word(p, n, "IS")) {
			q = p + n;
			while (*q == ' ')
				q++;
			m = db_pg_wordlen(q);
			if (db_pg_word(q, m, "NOT")) {
				q += m;
				while (*q == ' ')
					q++;
				m = db_pg_wordlen(q);
				if (!db_pg_word(q, m, "NULL") &&
				    !db_pg_word(q, m, "TRUE") &&
				    !db_pg_word(q, m, "FALSE") &&
				    !db_pg_word(q, m, "DISTINCT")) {
					buf_adds(&b, "IS DISTINCT FROM ");
					p = q;
					continue;
				}
			} else if (!db_pg_word(q, m, "NULL") &&
			    !db_pg_word(q, m, "TRUE") &&
			    !db_pg_word(q, m, "FALSE") &&
			    !db_pg_word(q, m, "DISTINCT")) {
				buf_adds(&b, "IS NOT DISTINCT FROM ");
				p = q;
				continue;
			}
		}
		if (db_pg_word(p, n, "INDEXED")) {
			q = p + n;
			while (*q == ' ')
				q++;
			m = db_pg_wordlen(q);
			if (db_pg_word(q, m, "BY")) {
				q += m;
				while (*q == ' ')
					q++;
				q += db_pg_wordlen(q);
				while (*q == ' ')
					q++;
				p = q;
				continue;
			}
		}
		if ((db_pg_word(p, n, "IMMEDIATE") ||
		    db_pg_word(p, n, "EXCLUSIVE")) && b.len >= 6 &&
		    strncasecmp(b.s + b.len - 6, "BEGIN ", 6) == 0) {
			buf_truncate(&b, b.len - 1);
			p += n;
			continue;
		}
		for (i = 0; i < sizeof fn / sizeof *fn; i++)
			if (db_pg_word(p, n, fn[i].from) && p[n] == '(')
				break;
		buf_adds(&b, i < sizeof fn / sizeof *fn ? fn[i].to : "");
		if (i == sizeof fn / sizeof *fn)
			buf_add(&b, p, n);
		p += n;
	}
	*nparams = max;
	return buf_detach(&b);
}

/* The class of db.h for a failed result; its message kept. */
static int
db_pg_fail(struct db_pg *d, const PGresult *res)
{
	const char	*state, *m;

	m = res != NULL ? pq.PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) :
	    NULL;
	db_pg_set_msg(d, m != NULL ? m : pq.PQerrorMessage(d->conn));
	/* An aborted transaction is of no more use: end it now. */
	if (pq.PQtransactionStatus(d->conn) == PQTRANS_INERROR)
		pq.PQclear(pq.PQexec(d->conn, "ROLLBACK"));
	state = res != NULL ? pq.PQresultErrorField(res, PG_DIAG_SQLSTATE) :
	    NULL;
	if (state == NULL)
		return DB_ERROR;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		return DB_BUSY;
	if (strcmp(state, "P0001") == 0)
		return DB_RAISED;
	if (strncmp(state, "23", 2) == 0)
		return DB_CONSTRAINT;
	if (strcmp(state, "25006") == 0)
		return DB_READONLY;
	if (strcmp(state, "53100") == 0)
		return DB_FULL;
	if (strcmp(state, "XX001") == 0 || strcmp(state, "XX002") == 0)
		return DB_CORRUPT;
	return DB_ERROR;
}

/* 1 if a result is a failure (not rows, not a command's end). */
static int
db_pg_failed(const PGresult *r)
{
	switch (pq.PQresultStatus(r)) {
	case PGRES_TUPLES_OK:
	case PGRES_SINGLE_TUPLE:
	case PGRES_COMMAND_OK:
	case PGRES_EMPTY_QUERY:
		return 0;
	default:
		return 1;
	}
}

/*
 * Read what is left of the results of the command sent, dropping them but
 * the first failure, which is returned (the caller's to clear), or NULL.
 */
static PGresult *
db_pg_consume(struct db_pg *d)
{
	PGresult	*r, *failed = NULL;

	while ((r = pq.PQgetResult(d->conn)) != NULL) {
		if (failed == NULL && db_pg_failed(r))
			failed = r;
		else
			pq.PQclear(r);
	}
	return failed;
}

static void
db_pg_rows_free(struct db_pg_rows *a)
{
	if (a == NULL)
		return;
	buf_release(&a->data);
	free(a->cells);
	free(a->msg);
	free(a);
}

/* Add the rows of a result to those read ahead. */
static void
db_pg_rows_add(struct db_pg_rows *a, const PGresult *r)
{
	const char	*v;
	size_t		*c;
	int		 n = pq.PQntuples(r), row, i;

	if (a->nrows == 0)
		a->ncols = pq.PQnfields(r);
	if (a->ncols != pq.PQnfields(r))
		fatal("a result of two shapes from the server");
	for (row = 0; row < n; row++) {
		if (a->nrows == a->cap) {
			a->cap = a->cap == 0 ? 64 : a->cap * 2;
			a->cells = xreallocarray(a->cells, a->cap,
			    ((size_t)a->ncols + 1) * sizeof *a->cells);
		}
		c = a->cells + a->nrows * (size_t)a->ncols;
		for (i = 0; i < a->ncols; i++) {
			if (pq.PQgetisnull(r, row, i)) {
				c[i] = 0;
				continue;
			}
			v = pq.PQgetvalue(r, row, i);
			c[i] = a->data.len + 1;
			buf_add(&a->data, v, strlen(v) + 1);
		}
		a->nrows++;
	}
}

/*
 * The connection is wanted for another command while the active
 * statement's result is still coming (or first a result of many rows,
 * when single-row mode was refused): read the rest into memory, for its
 * steps to give from there, with the failure that ended it if one did.
 */
static void
db_pg_drain(struct db_pg *d, PGresult *first)
{
	struct db_pg_stmt	*s = d->active;
	struct db_pg_rows	*a;
	PGresult		*r, *failed = NULL;

	d->active = NULL;
	a = xcalloc(1, sizeof *a);
	buf_init(&a->data);
	a->rc = DB_DONE;
	if (first != NULL) {
		db_pg_rows_add(a, first);
		pq.PQclear(first);
	}
	while ((r = pq.PQgetResult(d->conn)) != NULL) {
		if (failed == NULL && db_pg_failed(r)) {
			failed = r;
			continue;
		}
		if (pq.PQresultStatus(r) == PGRES_SINGLE_TUPLE ||
		    pq.PQresultStatus(r) == PGRES_TUPLES_OK)
			db_pg_rows_add(a, r);
		pq.PQclear(r);
	}
	if (failed != NULL) {
		a->rc = db_pg_fail(d, failed);
		a->msg = xstrdup(d->msg);
		pq.PQclear(failed);
	}
	s->done = 1;
	db_pg_rows_free(s->ahead);
	s->ahead = a;
}

/* Make the connection free for another command. */
static void
db_pg_idle(struct db_pg *d)
{
	if (d->active != NULL)
		db_pg_drain(d, NULL);
}

/*
 * Prepare a statement, letting the server type its parameters from where
 * they are used. A parameter it cannot type (one also compared with NULL:
 * ?1 IS NULL OR f.value = ?1) is text: the store's optional filters are.
 */
static PGresult *
db_pg_prepare_typed(struct db_pg *d, const char *name, const char *text,
    int n)
{
	static const char	 prefix[] = "could not determine data type of "
	    "parameter $";
	PGresult		*res;
	const char		*state, *m;
	Oid			*types = NULL;
	long			 k;
	int			 tries, intx;

	/* In a transaction, a failed attempt must not abort it. */
	intx = pq.PQtransactionStatus(d->conn) == PQTRANS_INTRANS;
	for (tries = 0; ; tries++) {
		if (intx)
			pq.PQclear(pq.PQexec(d->conn,
			    "SAVEPOINT parapet_prepare"));
		res = pq.PQprepare(d->conn, name, text, n, types);
		if (pq.PQresultStatus(res) == PGRES_COMMAND_OK) {
			if (intx)
				pq.PQclear(pq.PQexec(d->conn,
				    "RELEASE SAVEPOINT parapet_prepare"));
			break;
		}
		if (intx)
			pq.PQclear(pq.PQexec(d->conn, "ROLLBACK TO SAVEPOINT "
			    "parapet_prepare; RELEASE SAVEPOINT "
			    "parapet_prepare"));
		state = pq.PQresultErrorField(res, PG_DIAG_SQLSTATE);
		m = pq.PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		if (tries >= n || state == NULL ||
		    (strcmp(state, "42P18") != 0 &&
		    strcmp(state, "42P08") != 0) ||
		    m == NULL || strncmp(m, prefix, sizeof prefix - 1) != 0)
			break;
		k = strtol(m + sizeof prefix - 1, NULL, 10);
		if (k < 1 || k > n)
			break;
		if (types == NULL)
			types = xcalloc((size_t)n, sizeof *types);
		types[k - 1] = 25;	/* text */
		pq.PQclear(res);
	}
	free(types);
	return res;
}

static int
db_pg_prepare(struct db *db, const char *sql, int persistent,
    struct db_stmt **out)
{
	struct db_pg		*d = (struct db_pg *)db;
	struct db_pg_stmt	*s;
	PGresult		*res;
	char			*text;
	int			 n, rc;

	(void)persistent;
	*out = NULL;
	db_pg_idle(d);
	text = db_pg_translate(sql, &n);
	s = xcalloc(1, sizeof *s);
	s->base.ops = &db_pg_ops;
	s->db = d;
	s->nparams = n;
	s->commit = db_pg_word(text, strlen(text), "COMMIT");
	if (strcasecmp(sql, "BEGIN IMMEDIATE") == 0)
		s->lock = DB_PG_SHARED;
	else if (strcasecmp(sql, "BEGIN EXCLUSIVE") == 0)
		s->lock = DB_PG_EXCLUSIVE;
	snprintf(s->name, sizeof s->name, "p%lu", ++d->nstmts);
	res = db_pg_prepare_typed(d, s->name, text, n);
	free(text);
	if (pq.PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = db_pg_fail(d, res);
		pq.PQclear(res);
		free(s);
		return rc;
	}
	pq.PQclear(res);
	if (n > 0) {
		s->values = xcalloc((size_t)n, sizeof *s->values);
		s->ints = xcalloc((size_t)n, sizeof *s->ints);
	}
	*out = &s->base;
	return DB_OK;
}

static void
db_pg_finalize(struct db_stmt *st)
{
	struct db_pg_stmt	*s = (struct db_pg_stmt *)st;
	char			 sql[64];

	db_pg_reset(st);
	db_pg_idle(s->db);
	if (pq.PQstatus(s->db->conn) == CONNECTION_OK &&
	    pq.PQtransactionStatus(s->db->conn) != PQTRANS_ACTIVE) {
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		pq.PQclear(pq.PQexec(s->db->conn, sql));
	}
	free(s->values);
	free(s->ints);
	free(s);
}

static int
db_pg_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	struct db_pg_stmt	*s = (struct db_pg_stmt *)st;

	if (i < 1 || i > s->nparams)
		return DB_ERROR;
	snprintf(s->ints[i - 1], sizeof s->ints[i - 1], "%" PRId64, v);
	s->values[i - 1] = s->ints[i - 1];
	return DB_OK;
}

static int
db_pg_bind_text(struct db_stmt *st, int i, const char *v)
{
	struct db_pg_stmt	*s = (struct db_pg_stmt *)st;

	if (i < 1 || i > s->nparams)
		return DB_ERROR;
	s->values[i - 1] = v;
	return DB_OK;
}

static int
db_pg_bind_null(struct db_stmt *st, int i)
{
	return db_pg_bind_text(st, i, NULL);
}

/*
 * A transaction that will write (BEGIN IMMEDIATE) shares the register's
 * lock with the other writers; creating or migrating the schema (BEGIN
 * EXCLUSIVE) takes it alone, so that no writer is in the middle of a
 * change meanwhile. Writers of one system then wait for each other on
 * that system's lock (db_pg_lock_system()), not on writers of another.
 * The locks are the transaction's; waiting ends, busy, after the
 * session's lock_timeout (SQLite's busy timeout).
 */
static int
db_pg_lock(struct db_pg *d, int how)
{
	PGresult	*res;
	int		 rc = DB_OK;

	db_pg_idle(d);
	res = pq.PQexec(d->conn, how == DB_PG_EXCLUSIVE ?
	    "SELECT pg_advisory_xact_lock(" DB_PG_LOCK ")" :
	    "SELECT pg_advisory_xact_lock_shared(" DB_PG_LOCK ")");
	if (pq.PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = db_pg_fail(d, res);
	pq.PQclear(res);
	return rc;
}

/*
 * A system's lock: the register's key with the hash of its id (two systems
 * that share a hash only wait for each other, as all writers used to).
 */
static int
db_pg_lock_system(struct db *db, const char *system)
{
	struct db_pg	*d = (struct db_pg *)db;
	PGresult	*res;
	int		 rc = DB_OK;

	db_pg_idle(d);
	res = pq.PQexecParams(d->conn, "SELECT pg_advisory_xact_lock("
	    DB_PG_LOCK ", hashtext($1))", 1, NULL, &system, NULL, NULL, 0);
	if (pq.PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = db_pg_fail(d, res);
	pq.PQclear(res);
	return rc;
}

/*
 * Send the statement with its bindings, its rows to come one per result:
 * DB_OK, or a failure's class.
 */
static int
db_pg_run(struct db_pg_stmt *s)
{
	struct db_pg		*d = s->db;
	PGTransactionStatusType	 t;

	s->ran = 1;
	s->done = 1;
	db_pg_idle(d);
	if (s->commit && pq.PQtransactionStatus(d->conn) == PQTRANS_IDLE) {
		db_pg_set_msg(d, "cannot commit - no transaction is active");
		return DB_ERROR;
	}
	t = pq.PQtransactionStatus(d->conn);
	d->intx = t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
	if (!pq.PQsendQueryPrepared(d->conn, s->name, s->nparams, s->values,
	    NULL, NULL, 0))
		return db_pg_fail(d, NULL);
	/* Refused only when not right after the sending: never here. */
	(void)pq.PQsetSingleRowMode(d->conn);
	s->done = 0;
	d->active = s;
	return DB_OK;
}

/*
 * The end of the active statement's result: the rest read (there is
 * nothing but its end, or a failure's), and failed, if not NULL, the
 * failure it ended with. DB_DONE, or the failure's class.
 */
static int
db_pg_end(struct db_pg_stmt *s, PGresult *failed, int lock)
{
	struct db_pg	*d = s->db;
	PGresult	*more;
	int		 rc;

	d->active = NULL;
	s->done = 1;
	more = db_pg_consume(d);
	if (failed == NULL)
		failed = more;
	else
		pq.PQclear(more);
	if (failed != NULL) {
		rc = db_pg_fail(d, failed);
		pq.PQclear(failed);
		return rc;
	}
	if (lock != 0 && (rc = db_pg_lock(d, lock)) != DB_OK)
		return rc;
	return DB_DONE;
}

static int
db_pg_step(struct db_stmt *st)
{
	struct db_pg_stmt	*s = (struct db_pg_stmt *)st;
	struct db_pg		*d = s->db;
	struct db_pg_rows	*a;
	PGresult		*r;
	const char		*n;
	int			 rc;

	if (!s->ran && (rc = db_pg_run(s)) != DB_OK)
		return rc;
	pq.PQclear(s->res);
	s->res = NULL;
	if ((a = s->ahead) != NULL) {
		if (a->next < a->nrows) {
			s->row = ++a->next;
			return DB_ROW;
		}
		s->row = 0;
		if ((rc = a->rc) != DB_DONE) {
			/* Said once, as the failure of a streamed step. */
			db_pg_set_msg(d, a->msg);
			a->rc = DB_DONE;
		}
		return rc;
	}
	if (s->done || d->active != s)
		return DB_DONE;
	r = pq.PQgetResult(d->conn);
	switch (pq.PQresultStatus(r)) {
	case PGRES_SINGLE_TUPLE:
		s->res = r;
		return DB_ROW;
	case PGRES_TUPLES_OK:
		if (pq.PQntuples(r) > 0) {
			/* Not one row at a time after all: all at once. */
			db_pg_drain(d, r);
			return db_pg_step(st);
		}
		pq.PQclear(r);
		return db_pg_end(s, NULL, 0);
	case PGRES_COMMAND_OK:
		n = pq.PQcmdTuples(r);
		d->changes = *n != '\0' ? strtoll(n, NULL, 10) : 0;
		d->total += d->changes;
		pq.PQclear(r);
		return db_pg_end(s, NULL, s->lock);
	default:
		/* A failure, after the rows that came before it. */
		return db_pg_end(s, r, 0);
	}
}

static void
db_pg_reset(struct db_stmt *st)
{
	struct db_pg_stmt	*s = (struct db_pg_stmt *)st;
	struct db_pg		*d = s->db;
	PGresult		*failed;

	pq.PQclear(s->res);
	s->res = NULL;
	/* Left part read: the rest is of no use, read and dropped. */
	if (d->active == s) {
		d->active = NULL;
		if ((failed = db_pg_consume(d)) != NULL) {
			(void)db_pg_fail(d, failed);
			pq.PQclear(failed);
		}
	}
	db_pg_rows_free(s->ahead);
	s->ahead = NULL;
	s->ran = 0;
	s->done = 0;
	s->row = 0;
}

static void
db_pg_clear_bindings(struct db_stmt *st)
{
	struct db_pg_stmt	*s = (struct db_pg_stmt *)st;
	int			 i;

	for (i = 0; i < s->nparams; i++)
		s->values[i] = NULL;
}

/* A column of the current row, streamed or read ahead. */
static const char *
db_pg_column_text(struct db_stmt *st, int i)
{
	struct db_pg_stmt	*s = (struct db_pg_stmt *)st;
	struct db_pg_rows	*a = s->ahead;
	size_t			 c;

	if (i < 0)
		return NULL;
	if (s->res != NULL) {
		if (i >= pq.PQnfields(s->res) || pq.PQgetisnull(s->res, 0, i))
			return NULL;
		return pq.PQgetvalue(s->res, 0, i);
	}
	if (a == NULL || s->row == 0 || s->row > a->nrows || i >= a->ncols)
		return NULL;
	c = a->cells[(s->row - 1) * (size_t)a->ncols + (size_t)i];
	return c == 0 ? NULL : a->data.s + c - 1;
}

/* An integer column; a boolean (t or f) is 1 or 0, as in SQLite. */
static int64_t
db_pg_column_int64(struct db_stmt *st, int i)
{
	const char	*v = db_pg_column_text(st, i);

	if (v == NULL)
		return 0;
	if (*v == 't')
		return 1;
	if (*v == 'f')
		return 0;
	return strtoll(v, NULL, 10);
}

static int
db_pg_column_is_null(struct db_stmt *st, int i)
{
	return db_pg_column_text(st, i) == NULL;
}

static int
db_pg_exec(struct db *db, const char *sql)
{
	struct db_pg	*d = (struct db_pg *)db;
	PGresult	*res;
	char		*text;
	int		 n, rc = DB_OK;

	db_pg_idle(d);
	text = db_pg_translate(sql, &n);
	res = pq.PQexec(d->conn, text);
	free(text);
	if (pq.PQresultStatus(res) != PGRES_COMMAND_OK &&
	    pq.PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = db_pg_fail(d, res);
	pq.PQclear(res);
	return rc;
}

static int64_t
db_pg_changes(struct db *db)
{
	return ((struct db_pg *)db)->changes;
}

static int64_t
db_pg_total_changes(struct db *db)
{
	return ((struct db_pg *)db)->total;
}

static int
db_pg_in_transaction(struct db *db)
{
	struct db_pg		*d = (struct db_pg *)db;
	PGTransactionStatusType	 t;

	/* While a result is read: as it was when it was sent. */
	if (d->active != NULL)
		return d->intx;
	t = pq.PQtransactionStatus(d->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR ||
	    t == PQTRANS_ACTIVE;
}

/*
 * The transactions that change a register notify parapet_changes when they
 * commit (store-schema-pg.c), which this connection listens to: read what
 * arrived without waiting, and say whether another connection sent any.
 */
static int
db_pg_notified(struct db *db)
{
	struct db_pg	*d = (struct db_pg *)db;
	PGnotify	*n;
	int		 got = 0;

	if (pq.PQconsumeInput(d->conn) == 0)
		return 0;
	while ((n = pq.PQnotifies(d->conn)) != NULL) {
		if (n->be_pid != pq.PQbackendPID(d->conn))
			got = 1;
		pq.PQfreemem(n);
	}
	return got;
}

static const char *
db_pg_message(struct db *db)
{
	struct db_pg	*d = (struct db_pg *)db;

	return d->msg != NULL ? d->msg : "unknown error";
}

static int
db_pg_sys_errno(struct db *db)
{
	(void)db;
	return 0;
}

static const struct db_ops db_pg_ops = {
	.name = "postgresql",
	.server = 1,
	.close = db_pg_close,
	.prepare = db_pg_prepare,
	.finalize = db_pg_finalize,
	.bind_int64 = db_pg_bind_int64,
	.bind_text = db_pg_bind_text,
	.bind_null = db_pg_bind_null,
	.step = db_pg_step,
	.reset = db_pg_reset,
	.clear_bindings = db_pg_clear_bindings,
	.column_text = db_pg_column_text,
	.column_int64 = db_pg_column_int64,
	.column_is_null = db_pg_column_is_null,
	.exec = db_pg_exec,
	.changes = db_pg_changes,
	.total_changes = db_pg_total_changes,
	.in_transaction = db_pg_in_transaction,
	.lock_system = db_pg_lock_system,
	.notified = db_pg_notified,
	.message = db_pg_message,
	.sys_errno = db_pg_sys_errno,
};
