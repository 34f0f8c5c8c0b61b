/*
 * test-store.c: the SQLite store on real database files in a temporary
 * directory: round trips, history, conflicts, refusing files that are not
 * ours, locks, a full disk, the risk register and its decisions.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef TEST_PG
#include <libpq-fe.h>
#else
#include <sqlite3.h>
#endif

#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "store/store.h"
#include "store/store-page.h"
#include "store/store-stream.h"
#include "export/export.h"
#include "testlib.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "view/risks.h"

/*
 * Built twice: on SQLite files (test-store), and with TEST_PG on fresh
 * databases of the PostgreSQL server $PARAPET_TEST_PG names (test-store-pg,
 * which SKIPs without one): the tests that are not about files run on
 * both. raw_db is a connection of the backend's own library, for what a
 * test reads or writes behind the store's back.
 */
#ifdef TEST_PG
#include "store/db.h"
typedef PGconn raw_db;
#else
typedef sqlite3 raw_db;
#endif

#define NOW	"2026-03-04T05:06:07Z"

/* Each test gets a fresh directory and a database path in it. */
struct fixture {
	char	 dir[64];
	char	*db;
};

#ifdef TEST_PG
static void
pg_quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/* The server's conninfo, and one more database of it for each test. */
static const char	*pg_server;
static unsigned		 pg_n;

static PGconn *
pg_connect(const char *conninfo)
{
	PGconn	*c = PQconnectdb(conninfo);

	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("cannot connect to '%s': %s", conninfo,
		    PQerrorMessage(c));
	PQsetNoticeProcessor(c, pg_quiet, NULL);
	return c;
}

static void
pg_admin(const char *sql)
{
	PGconn		*c = pg_connect(pg_server);
	PGresult	*r = PQexec(c, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fail_msg("%s: %s", sql, PQresultErrorMessage(r));
	PQclear(r);
	PQfinish(c);
}

/* A new empty database: its conninfo, the caller's. */
static char *
pg_create(void)
{
	char	*sql, *name;

	name = xasprintf("parapet_store_%ld_%u", (long)getpid(), ++pg_n);
	sql = xasprintf("CREATE DATABASE %s", name);
	pg_admin(sql);
	free(sql);
	sql = xasprintf("%s dbname=%s", pg_server, name);
	free(name);
	return sql;
}

static void
pg_drop(const char *conninfo)
{
	const char	*name = strrchr(conninfo, '=') + 1;
	char		*sql;

	sql = xasprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	pg_admin(sql);
	free(sql);
}
#endif

static int
setup(void **state)
{
	struct fixture	*fx = xcalloc(1, sizeof *fx);

	snprintf(fx->dir, sizeof fx->dir, "/tmp/parapet-store-XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
#ifdef TEST_PG
	fx->db = pg_create();
#else
	fx->db = xasprintf("%s/p.db", fx->dir);
#endif
	setenv("PARAPET_USER", "tester", 1);
	setenv("PARAPET_NOW", NOW, 1);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*fx = *state;
	struct dirent	*de;
	DIR		*d;
	char		*p;

	if ((d = opendir(fx->dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			p = xasprintf("%s/%s", fx->dir, de->d_name);
			unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(fx->dir);
#ifdef TEST_PG
	pg_drop(fx->db);
#endif
	free(fx->db);
	free(fx);
	return 0;
}

/* Set a field by name from its text form, failing the test on error. */
static void
set(void *obj, enum objtype t, const char *name, const char *value)
{
	const struct field	*f = model_field(t, name);
	struct error		 e;

	assert_non_null(f);
	if (field_set(obj, f, value, &e) != 0)
		fail_msg("%s = %s: %s", name, value, e.msg);
}

/* A model that sets a field of every type, and a practice with a note. */
static struct model *
rich_model(const char *id)
{
	struct model		*m = model_new();
	struct component	*c;
	struct flow		*f;
	struct boundary		*b;
	struct practice		*p;

	set(&m->system, OBJ_SYSTEM, "id", id);
	set(&m->system, OBJ_SYSTEM, "name", "Support assistant");
	set(&m->system, OBJ_SYSTEM, "description", "Answers questions.\n"
	    "Second line, with 'quotes' and ünïcode.");
	set(&m->system, OBJ_SYSTEM, "owner", "Head of Ops");
	set(&m->system, OBJ_SYSTEM, "criticality", "high");
	b = model_add_boundary(m, "internet");
	set(b, OBJ_BOUNDARY, "name", "Public internet");
	set(b, OBJ_BOUNDARY, "trust", "untrusted");
	b = model_add_boundary(m, "cloud");
	set(b, OBJ_BOUNDARY, "name", "Cloud");
	set(b, OBJ_BOUNDARY, "trust", "internal");
	set(b, OBJ_BOUNDARY, "description", "Production account");
	c = model_add_component(m, "customer", KIND_USER);
	set(c, OBJ_COMPONENT, "name", "Customer");
	set(c, OBJ_COMPONENT, "boundary", "internet");
	c = model_add_component(m, "llm", KIND_MODEL);
	set(c, OBJ_COMPONENT, "name", "Hosted LLM");
	set(c, OBJ_COMPONENT, "boundary", "cloud");
	set(c, OBJ_COMPONENT, "provider", "third-party");
	set(c, OBJ_COMPONENT, "model-type", "llm");
	set(c, OBJ_COMPONENT, "system-prompt", "true");
	set(c, OBJ_COMPONENT, "open-weights", "false");
	set(c, OBJ_COMPONENT, "weights-format", "safetensors");
	c = model_add_component(m, "monitor", KIND_MONITORING);
	set(c, OBJ_COMPONENT, "name", "Monitoring");
	set(c, OBJ_COMPONENT, "watches", "outputs, inputs");
	set(c, OBJ_COMPONENT, "owner", "SRE");
	f = model_add_flow(m, "ask", "customer", "llm");
	set(f, OBJ_FLOW, "name", "Ask");
	set(f, OBJ_FLOW, "data", "prompt, personal-data");
	set(f, OBJ_FLOW, "encrypted", "true");
	set(f, OBJ_FLOW, "authenticated", "false");
	f = model_add_flow(m, "log", "llm", "monitor");
	set(f, OBJ_FLOW, "data", "telemetry");
	p = model_add_practice(m, "q-staff-awareness", TRI_YES);
	p->note = xstrdup("yearly training");
	model_add_practice(m, "q-red-team", TRI_NO);
	return m;
}

static struct store *
open_ok(const char *path, int flags)
{
	struct store	*s;
	struct error	 e;

	if ((s = store_open(path, flags, &e)) == NULL)
		fail_msg("store_open: %s", e.msg);
	return s;
}

/* Save a new model and return the store, open. */
static struct store *
store_with(const char *path, struct model *m)
{
	struct store	*s = open_ok(path, STORE_CREATE);
	struct error	 e;
	int		 changed;

	if (store_save(s, m, -1, &changed, &e) != 0)
		fail_msg("store_save: %s", e.msg);
	assert_int_equal(changed, 1);
	return s;
}

#ifndef TEST_PG
/* The whole content of a file, NUL-terminated (the caller frees), or NULL. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp = fopen(path, "rb");
	char	*s;
	long	 n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	s = xmalloc((size_t)n + 1);
	*len = fread(s, 1, (size_t)n, fp);
	s[*len] = '\0';	/* read as text by the migration tests */
	fclose(fp);
	return s;
}

/* Refuse to open a file, with a message, and leave it byte for byte. */
static void
assert_refused(const char *path, const char *msg)
{
	struct store	*s;
	struct error	 e;
	size_t		 n1, n2;
	char		*before, *after, *side;
	struct stat	 st;

	before = slurp(path, &n1);
	assert_non_null(before);
	s = store_open(path, 0, &e);
	assert_null(s);
	assert_string_equal(e.msg, msg);
	s = store_open(path, STORE_CREATE, &e);
	assert_null(s);
	assert_string_equal(e.msg, msg);
	after = slurp(path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	side = xasprintf("%s-wal", path);
	assert_int_equal(stat(side, &st), -1);
	free(side);
	free(before);
	free(after);
}
#endif

#ifdef TEST_PG
static raw_db *
raw_open(const char *path)
{
	return pg_connect(path);
}

static void
raw_close(raw_db *db)
{
	PQfinish(db);
}

/* The store's SQL, as the store's PostgreSQL backend would run it. */
static PGresult *
raw_run(raw_db *db, const char *sql, ExecStatusType want)
{
	PGresult	*r;
	char		*text;
	int		 n;

	text = db_pg_translate(sql, &n);
	r = PQexec(db, text);
	if (PQresultStatus(r) != want)
		fail_msg("%s (in %.60s)", PQresultErrorMessage(r), text);
	free(text);
	return r;
}

static void
raw_exec(raw_db *db, const char *sql)
{
	PQclear(raw_run(db, sql, PGRES_COMMAND_OK));
}

/* The server's message refusing a statement (the caller frees), or NULL. */
static char *
raw_error(raw_db *db, const char *sql)
{
	PGresult	*r;
	char		*text, *msg = NULL;
	int		 n;

	text = db_pg_translate(sql, &n);
	r = PQexec(db, text);
	if (PQresultStatus(r) == PGRES_FATAL_ERROR)
		msg = xstrdup(PQresultErrorMessage(r));
	PQclear(r);
	free(text);
	return msg;
}

static long
raw_count(raw_db *db, const char *sql)
{
	PGresult	*r = raw_run(db, sql, PGRES_TUPLES_OK);
	long		 n;

	assert_int_equal(PQntuples(r), 1);
	n = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return n;
}

static char *
raw_text(raw_db *db, const char *sql)
{
	PGresult	*r = raw_run(db, sql, PGRES_TUPLES_OK);
	char		*v;

	assert_int_equal(PQntuples(r), 1);
	v = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return v;
}
#else
static raw_db *
raw_open(const char *path)
{
	raw_db	*db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	return db;
}

static void
raw_exec(raw_db *db, const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s (in %.60s)", msg, sql);
}

/* SQLite's message refusing a statement (the caller frees), or NULL. */
static char *
raw_error(raw_db *db, const char *sql)
{
	char	*msg = NULL, *v = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		v = xstrdup(msg != NULL ? msg : "");
	sqlite3_free(msg);
	return v;
}

static long
raw_count(raw_db *db, const char *sql)
{
	sqlite3_stmt	*st;
	long		 n;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
raw_close(raw_db *db)
{
	sqlite3_close(db);
}

/*
 * A database made from an SQL dump of tests/data/store/ (an older schema,
 * as an older Parapet left it), open for raw statements.
 */
static raw_db *
raw_fixture(const char *path, const char *name)
{
	char		*file, *sql, *rel;
	size_t		 len;
	raw_db		*db;

	rel = xasprintf("tests/data/store/%s", name);
	file = src_path(rel);
	free(rel);
	if ((sql = slurp(file, &len)) == NULL)
		fail_msg("cannot read %s", file);
	db = raw_open(path);
	raw_exec(db, sql);
	free(sql);
	free(file);
	return db;
}

/* The text of a one-row query (the caller frees), "" for NULL. */
static char *
raw_text(raw_db *db, const char *sql)
{
	sqlite3_stmt	*st;
	const char	*t;
	char		*v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	t = (const char *)sqlite3_column_text(st, 0);
	v = xstrdup(t != NULL ? t : "");
	sqlite3_finalize(st);
	return v;
}
#endif

static size_t
history_count(struct store *s, const char *id)
{
	struct change	*v;
	struct error	 e;
	size_t		 n;

	assert_int_equal(store_history(s, id, NULL, &v, &n, &e), 0);
	changes_free(v, n);
	return n;
}

static void
assert_change(const struct change *c, const char *object, const char *field,
    const char *old_value, const char *new_value)
{
	assert_string_equal(c->at, NOW);
	assert_string_equal(c->who, "tester");
	assert_string_equal(c->object, object);
	assert_string_equal(c->field, field);
	if (old_value == NULL)
		assert_null(c->old_value);
	else
		assert_string_equal(c->old_value, old_value);
	if (new_value == NULL)
		assert_null(c->new_value);
	else
		assert_string_equal(c->new_value, new_value);
}

static void
test_round_trip_every_field(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist"), *back;
	struct store	*s;
	struct error	 e;
	char		*msg;

	s = store_with(fx->db, m);
	assert_int_equal(m->revision, 1);
	store_close(s);

	s = open_ok(fx->db, 0);
	assert_int_equal(store_exists(s, "assist", &e), 1);
	assert_int_equal(store_exists(s, "other", &e), 0);
	back = store_load(s, "assist", &e);
	assert_non_null(back);
	assert_true(back->indexed);
	assert_int_equal(back->revision, 1);
	test_assert_same_model(m, back);
	assert_string_equal(back->components[1]->id, "llm");
	assert_int_equal(back->components[1]->kind, KIND_MODEL);
	assert_int_equal(back->components[2]->watches,
	    (1u << WATCH_INPUTS) | (1u << WATCH_OUTPUTS));
	assert_ptr_equal(back->flows[0]->dst, back->components[1]);
	model_free(back);

	/* The only model of the database, without naming it. */
	back = store_load(s, NULL, &e);
	assert_non_null(back);
	assert_string_equal(back->system.id, "assist");
	model_free(back);
	assert_null(store_load(s, "asist", &e));
	msg = xasprintf("no model 'asist' in database '%s' (did you mean "
	    "'assist'?)", fx->db);
	assert_string_equal(e.msg, msg);
	free(msg);
	store_close(s);
	model_free(m);
}

#ifndef TEST_PG
static void
test_new_file_is_private(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist");
	struct store	*s;
	struct stat	 st;
	mode_t		 old = umask(0);
	char		*p;

	s = store_with(fx->db, m);
	m->revision = 0;
	assert_int_equal(stat(fx->db, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* The write-ahead log and shared memory hold the same data. */
	p = xasprintf("%s-wal", fx->db);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	free(p);
	p = xasprintf("%s-shm", fx->db);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	free(p);
	store_close(s);

	/* A umask that would take the owner's write bit does not either. */
	unlink(fx->db);
	umask(0277);
	s = open_ok(fx->db, STORE_CREATE);
	umask(old);
	assert_int_equal(stat(fx->db, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	umask(0277);
	assert_int_equal(store_save(s, m, 0, NULL, NULL), 0);
	umask(old);
	p = xasprintf("%s-wal", fx->db);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	free(p);
	store_close(s);
	model_free(m);
}

static void
test_missing_file_is_not_created(void **state)
{
	struct fixture	*fx = *state;
	struct store	*s;
	struct error	 e;
	struct stat	 st;
	char		*msg;

	s = store_open(fx->db, 0, &e);
	assert_null(s);
	msg = xasprintf("database '%s' does not exist", fx->db);
	assert_string_equal(e.msg, msg);
	free(msg);
	assert_int_equal(stat(fx->db, &st), -1);
	assert_null(store_open(fx->db, STORE_CREATE | STORE_READONLY, &e));
	assert_int_equal(stat(fx->db, &st), -1);
}
#endif

static void
test_update_records_history(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist");
	struct component	*c;
	struct flow		*f;
	struct store		*s;
	struct change		*v;
	struct error		 e;
	size_t			 n, before, i;
	int			 changed;

	s = store_with(fx->db, m);
	before = history_count(s, "assist");
	/*
	 * Created: the system and each object, one entry each, who and when
	 * (what they held is revision 1 itself); then the practices.
	 */
	assert_int_equal(store_history(s, "assist", NULL, &v, &n, &e), 0);
	assert_change(&v[0], "assist", "created", NULL, "system");
	assert_change(&v[1], "internet", "created", NULL, "boundary");
	assert_change(&v[2], "cloud", "created", NULL, "boundary");
	assert_change(&v[3], "customer", "created", NULL, "user");
	assert_change(&v[4], "llm", "created", NULL, "model");
	assert_change(&v[5], "monitor", "created", NULL, "monitoring");
	assert_change(&v[6], "ask", "created", NULL, "flow");
	for (i = 0; i < n; i++)
		assert_non_null(v[i].object);
	changes_free(v, n);
	assert_int_equal(store_history(s, "assist", "llm", &v, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_change(&v[0], "llm", "created", NULL, "model");
	changes_free(v, n);

	setenv("PARAPET_USER", "alice", 1);
	setenv("PARAPET_NOW", "2026-03-05T00:00:00Z", 1);
	c = m->components[1];
	set(c, OBJ_COMPONENT, "name", "Hosted model");
	set(c, OBJ_COMPONENT, "open-weights", "");
	set(c, OBJ_COMPONENT, "fine-tuned", "yes");
	assert_int_equal(model_remove(m, "monitor"), 0);	/* and "log" */
	f = model_add_flow(m, "reply", "llm", "customer");
	set(f, OBJ_FLOW, "data", "model-output");
	m->practices[1]->answer = TRI_YES;
	set(&m->system, OBJ_SYSTEM, "criticality", "critical");
	assert_int_equal(store_save(s, m, 1, &changed, &e), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(m->revision, 2);

	assert_int_equal(store_history(s, "assist", NULL, &v, &n, &e), 0);
	assert_int_equal(n, before + 8);
	v += before;
	/* What assert_change() wants. */
	setenv("PARAPET_USER", "tester", 1);
	setenv("PARAPET_NOW", NOW, 1);
	assert_string_equal(v[0].who, "alice");
	assert_string_equal(v[0].at, "2026-03-05T00:00:00Z");
	assert_string_equal(v[0].object, "assist");
	assert_string_equal(v[0].field, "criticality");
	assert_string_equal(v[0].old_value, "high");
	assert_string_equal(v[0].new_value, "critical");
	assert_string_equal(v[1].object, "monitor");
	assert_string_equal(v[1].field, "deleted");
	assert_string_equal(v[1].old_value, "monitoring");
	assert_null(v[1].new_value);
	assert_string_equal(v[2].object, "log");
	assert_string_equal(v[2].field, "deleted");
	assert_string_equal(v[2].old_value, "flow");
	assert_string_equal(v[3].object, "llm");
	assert_string_equal(v[3].field, "name");
	assert_string_equal(v[3].old_value, "Hosted LLM");
	assert_string_equal(v[3].new_value, "Hosted model");
	assert_string_equal(v[4].field, "fine-tuned");
	assert_null(v[4].old_value);
	assert_string_equal(v[4].new_value, "true");
	assert_string_equal(v[5].field, "open-weights");
	assert_string_equal(v[5].old_value, "false");
	assert_null(v[5].new_value);
	/* A new flow: one entry, its fields are revision 2's. */
	assert_string_equal(v[6].object, "reply");
	assert_string_equal(v[6].field, "created");
	assert_string_equal(v[6].new_value, "flow");
	assert_string_equal(v[7].object, "q-red-team");
	v -= before;
	changes_free(v, n);
	/* The practice answer changed too, recorded after the objects. */
	assert_int_equal(store_history(s, "assist", "q-red-team", &v, &n, &e),
	    0);
	assert_int_equal(n, 2);
	assert_string_equal(v[1].field, "answer");
	assert_string_equal(v[1].old_value, "no");
	assert_string_equal(v[1].new_value, "yes");
	changes_free(v, n);
	store_close(s);
	model_free(m);
}

static void
test_no_change_writes_nothing(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist"), *back;
	struct store	*s;
	struct error	 e;
	size_t		 before;
	int		 changed = -1;

	s = store_with(fx->db, m);
	before = history_count(s, "assist");
	assert_int_equal(store_save(s, m, 1, &changed, &e), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(m->revision, 1);
	back = store_load(s, "assist", &e);
	assert_non_null(back);
	assert_int_equal(store_save(s, back, 1, &changed, &e), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(back->revision, 1);
	assert_int_equal(history_count(s, "assist"), before);
	model_free(back);
	back = store_load(s, "assist", &e);
	assert_int_equal(back->revision, 1);
	model_free(back);
	store_close(s);
	model_free(m);
}

static void
test_stale_revision_is_refused(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist"), *a, *b, *back;
	struct store	*s, *t;
	struct error	 e;
	int		 changed;

	s = store_with(fx->db, m);
	t = open_ok(fx->db, 0);			/* a second process */
	a = store_load(s, "assist", &e);
	b = store_load(t, "assist", &e);
	set(a->components[0], OBJ_COMPONENT, "name", "Client");
	assert_int_equal(store_save(s, a, a->revision, &changed, &e), 0);
	assert_int_equal(a->revision, 2);
	set(b->components[0], OBJ_COMPONENT, "name", "Visitor");
	assert_int_equal(store_save(t, b, b->revision, &changed, &e), -1);
	assert_string_equal(e.msg, "model 'assist' was changed by someone "
	    "else (revision 2, expected 1); reload it");
	assert_int_equal(changed, 0);
	back = store_load(t, "assist", &e);
	assert_string_equal(back->components[0]->name, "Client");
	assert_int_equal(back->revision, 2);
	model_free(back);
	/* A new model expected to be new, but someone created it. */
	assert_int_equal(store_save(t, b, 0, &changed, &e), -1);
	assert_string_equal(e.msg, "model 'assist' was changed by someone "
	    "else (revision 2, expected 0); reload it");
	model_free(a);
	model_free(b);
	store_close(t);
	store_close(s);
	model_free(m);
}

#ifndef TEST_PG
static void
test_history_is_append_only(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist");
	struct store	*s;
	raw_db		*db;
	long		 n;

	s = store_with(fx->db, m);
	db = raw_open(fx->db);
	n = raw_count(db, "SELECT count(*) FROM history");
	assert_true(n > 0);
	assert_int_equal(sqlite3_exec(db, "UPDATE history SET who = 'mallory'",
	    NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_string_equal(sqlite3_errmsg(db), "history is append-only");
	assert_int_equal(sqlite3_exec(db, "DELETE FROM history WHERE seq = 1",
	    NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM history "
	    "WHERE who = 'tester'"), n);
	raw_close(db);
	store_close(s);
	model_free(m);
}

static void
test_text_file_is_refused_untouched(void **state)
{
	struct fixture	*fx = *state;
	FILE		*fp;
	char		*msg;

	fp = fopen(fx->db, "w");
	fputs("system:\n  id: not-a-database\n", fp);
	fclose(fp);
	msg = xasprintf("'%s' is not a Parapet database", fx->db);
	assert_refused(fx->db, msg);
	free(msg);
}

static void
test_foreign_sqlite_is_refused_untouched(void **state)
{
	struct fixture	*fx = *state;
	raw_db		*db;
	char		*msg;

	db = raw_open(fx->db);
	raw_exec(db, "CREATE TABLE recipes (name TEXT); "
	    "INSERT INTO recipes VALUES ('bread')");
	raw_close(db);
	msg = xasprintf("'%s' is not a Parapet database", fx->db);
	assert_refused(fx->db, msg);

	/* Another application's id, even with no tables yet. */
	unlink(fx->db);
	db = raw_open(fx->db);
	raw_exec(db, "PRAGMA application_id = 42");
	raw_close(db);
	assert_refused(fx->db, msg);
	free(msg);
}

static void
test_newer_schema_is_refused_untouched(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist");
	raw_db		*db;
	char		*msg;

	store_close(store_with(fx->db, m));
	db = raw_open(fx->db);
	raw_exec(db, "PRAGMA user_version = 99");
	raw_close(db);
	msg = xasprintf("database '%s' was written by a newer Parapet "
	    "(schema 99; this one reads up to %d)", fx->db,
	    STORE_SCHEMA_VERSION);
	assert_refused(fx->db, msg);
	free(msg);
	model_free(m);
}

static void
test_corrupt_file_gives_clear_error(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist");
	struct store	*s;
	struct error	 e;
	char		 junk[4096];
	char		*msg;
	FILE		*fp;

	store_close(store_with(fx->db, m));
	/* Keep the 100-byte header, scramble the schema on page 1. */
	memset(junk, 0xa5, sizeof junk);
	fp = fopen(fx->db, "r+b");
	fseek(fp, 100, SEEK_SET);
	fwrite(junk, 1, sizeof junk - 100, fp);
	fclose(fp);
	s = store_open(fx->db, 0, &e);
	assert_null(s);
	msg = xasprintf("database '%s' is corrupt", fx->db);
	assert_string_equal(e.msg, msg);
	free(msg);
	model_free(m);
}

/* A second process that takes the write lock when asked. */
struct locker {
	pid_t	pid;
	int	start;		/* write: take the lock */
	int	ready;		/* read: the lock is held */
	int	go;		/* close: let go and exit */
};

/*
 * Fork the locker before the test allocates anything, so that a child
 * under valgrind has nothing of the parent's to report as leaked.
 */
static void
locker_fork(struct locker *lk, const char *path)
{
	int	start[2], ready[2], go[2];
	char	c = 0;

	assert_int_equal(pipe(start), 0);
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	if ((lk->pid = fork()) == 0) {
		raw_db	*db = NULL;
		int	 rc = 1;

		close(start[1]);
		close(ready[0]);
		close(go[1]);
		if (read(start[0], &c, 1) == 1 &&
		    sqlite3_open(path, &db) == SQLITE_OK &&
		    sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) ==
		    SQLITE_OK && write(ready[1], &c, 1) == 1 &&
		    read(go[0], &c, 1) == 0)
			rc = 0;
		raw_close(db);
		_exit(rc);
	}
	assert_true(lk->pid > 0);
	close(start[0]);
	close(ready[1]);
	close(go[0]);
	lk->start = start[1];
	lk->ready = ready[0];
	lk->go = go[1];
}

/* Have the locker take the lock; 0 once it holds it. */
static int
locker_lock(struct locker *lk)
{
	char	c = 0;

	if (write(lk->start, &c, 1) != 1 || read(lk->ready, &c, 1) != 1)
		return -1;
	return 0;
}

/* Let go; the locker's exit status (0 if it held the lock throughout). */
static int
locker_release(struct locker *lk)
{
	int	status;

	close(lk->go);
	close(lk->start);
	close(lk->ready);
	if (waitpid(lk->pid, &status, 0) != lk->pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void
test_locked_database_is_busy(void **state)
{
	struct fixture	*fx = *state;
	struct locker	 lk;
	struct model	*m, *back;
	struct store	*s;
	struct error	 e;
	time_t		 t0;
	char		*msg;
	int		 changed;

	locker_fork(&lk, fx->db);
	m = rich_model("assist");
	s = store_with(fx->db, m);
	assert_int_equal(locker_lock(&lk), 0);
	set(m->components[0], OBJ_COMPONENT, "name", "Client");
	t0 = time(NULL);
	assert_int_equal(store_save(s, m, 1, &changed, &e), -1);
	assert_true(time(NULL) - t0 <= 5);
	msg = xasprintf("database '%s' is busy (locked by another process)",
	    fx->db);
	assert_string_equal(e.msg, msg);
	free(msg);
	assert_int_equal(changed, 0);
	assert_int_equal(m->revision, 1);
	assert_int_equal(locker_release(&lk), 0);
	back = store_load(s, "assist", &e);
	assert_non_null(back);
	assert_string_equal(back->components[0]->name, "Customer");
	assert_int_equal(back->revision, 1);
	model_free(back);
	/* Free again: the same save goes through. */
	assert_int_equal(store_save(s, m, 1, &changed, &e), 0);
	assert_int_equal(changed, 1);
	store_close(s);
	model_free(m);
}

static void
test_full_disk_keeps_previous_model(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist"), *back;
	struct store	*s;
	struct error	 e;
	size_t		 before, i;
	char		*big, *msg;
	int		 changed;

	s = store_with(fx->db, m);
	before = history_count(s, "assist");
	assert_int_equal(store_limit_pages(s, 2, &e), 0);
	big = xmalloc(200001);
	for (i = 0; i < 200000; i++)
		big[i] = (char)('a' + i % 26);
	big[200000] = '\0';
	set(m->boundaries[0], OBJ_BOUNDARY, "description", big);
	set(m->components[0], OBJ_COMPONENT, "description", big);
	assert_int_equal(store_save(s, m, 1, &changed, &e), -1);
	msg = xasprintf("disk full writing '%s'", fx->db);
	assert_string_equal(e.msg, msg);
	free(msg);
	assert_int_equal(changed, 0);
	store_close(s);

	s = open_ok(fx->db, 0);
	back = store_load(s, "assist", &e);
	assert_non_null(back);
	assert_int_equal(back->revision, 1);
	assert_null(back->components[0]->description);
	assert_int_equal(history_count(s, "assist"), before);
	/* Room again: the same save now goes through. */
	assert_int_equal(store_save(s, m, 1, &changed, &e), 0);
	assert_int_equal(changed, 1);
	model_free(back);
	back = store_load(s, "assist", &e);
	assert_string_equal(back->components[0]->description, big);
	model_free(back);
	free(big);
	store_close(s);
	model_free(m);
}
#endif

/* A register as the analysis would compute it. */
#define REASON_ESCAPES	"\\two\nlines, \\\\n kept, ending \\"

static struct risk *
add_risk(struct risk_register *r, const char *threat, const char *target,
    int l, int i, const char *mit)
{
	struct risk	*k = risk_register_add(r, threat, target);

	k->title = xasprintf("%s on %s", threat, target);
	k->likelihood = l;
	k->impact = i;
	k->severity = risk_severity(l, i);
	risk_add_reason(k, REASON_FACT, "%s is reachable", target);
	risk_add_reason(k, REASON_ASSUMED, "not authenticated\\or \"so\"");
	/* What the store escapes, at the start, inside and at the end. */
	risk_add_reason(k, REASON_FACT, "%s", REASON_ESCAPES);
	if (mit != NULL)
		risk_add_mitigation(k, mit);
	return k;
}

static void
test_sync_keeps_decisions(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist");
	struct risk_register	 r1, r2, got;
	struct risk_mitigation	*mm;
	struct store		*s;
	struct change		*v;
	struct risk		*k;
	struct error		 e;
	size_t			 n;

	s = store_with(fx->db, m);
	risk_register_init(&r1);
	add_risk(&r1, "prompt-injection", "llm", 4, 4, "m-input-filter");
	add_risk(&r1, "data-leak", "ask", 2, 3, "m-encrypt");
	assert_int_equal(store_sync_risks(s, "assist", &r1, &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "prompt-injection", "llm",
	    RISK_ACCEPTED, "Alice", "vendor filters prompts", &e), 0);
	assert_int_equal(store_set_mitigation(s, "assist", "prompt-injection",
	    "llm", "m-input-filter", MIT_PLANNED, "Bob", "2026-06-30", "",
	    &e), 0);

	/* The model changed: prompt-injection@llm no longer applies. */
	risk_register_init(&r2);
	k = add_risk(&r2, "data-leak", "ask", 3, 3, "m-encrypt");
	risk_add_mitigation(k, "m-tls");
	assert_int_equal(store_sync_risks(s, "assist", &r2, &e), 0);
	risk_register_init(&got);
	assert_int_equal(store_load_risks(s, "assist", &got, &e), 0);
	assert_int_equal(got.n, 2);
	k = risk_register_find(&got, "prompt-injection", "llm");
	assert_non_null(k);
	assert_int_equal(k->applies, 0);
	assert_int_equal(k->status, RISK_ACCEPTED);
	assert_string_equal(k->justification, "vendor filters prompts");
	assert_string_equal(k->owner, "Alice");
	assert_string_equal(k->decided_by, "tester");
	assert_string_equal(k->decided_at, NOW);
	k = risk_register_find(&got, "data-leak", "ask");
	assert_int_equal(k->applies, 1);
	assert_int_equal(k->likelihood, 3);
	assert_int_equal(k->severity, LEVEL_MEDIUM);
	assert_int_equal(k->nreasons, 3);
	assert_string_equal(k->reasons[1].line,
	    "assumed: not authenticated\\or \"so\"");
	assert_string_equal(k->reasons[2].line, "fact: " REASON_ESCAPES);
	assert_int_equal(k->reasons[0].kind, REASON_FACT);
	assert_int_equal(k->reasons[1].kind, REASON_ASSUMED);
	assert_int_equal(k->nmitigations, 2);
	assert_string_equal(k->mitigations[0].id, "m-encrypt");
	assert_string_equal(k->mitigations[1].id, "m-tls");
	assert_int_equal(k->mitigations[1].status, MIT_PROPOSED);
	risk_register_release(&got);

	/* It applies again, with its decisions. */
	assert_int_equal(store_sync_risks(s, "assist", &r1, &e), 0);
	assert_int_equal(store_load_risks(s, "assist", &got, &e), 0);
	k = risk_register_find(&got, "prompt-injection", "llm");
	assert_int_equal(k->applies, 1);
	assert_int_equal(k->status, RISK_ACCEPTED);
	mm = risk_find_mitigation(k, "m-input-filter");
	assert_non_null(mm);
	assert_int_equal(mm->status, MIT_PLANNED);
	assert_string_equal(mm->owner, "Bob");
	assert_string_equal(mm->due, "2026-06-30");
	assert_null(mm->notes);
	/* data-leak@ask kept its m-tls although the catalogue dropped it. */
	k = risk_register_find(&got, "data-leak", "ask");
	assert_int_equal(k->nmitigations, 2);
	assert_int_equal(k->likelihood, 2);
	risk_register_release(&got);

	assert_int_equal(store_history(s, "assist", "prompt-injection@llm", &v,
	    &n, &e), 0);
	/* A risk appearing is not history; what people decide is. */
	assert_int_equal(n, 8);
	assert_change(&v[0], "prompt-injection@llm", "status", "open",
	    "accepted");
	assert_change(&v[1], "prompt-injection@llm", "owner", NULL, "Alice");
	assert_change(&v[2], "prompt-injection@llm", "justification", NULL,
	    "vendor filters prompts");
	assert_change(&v[3], "prompt-injection@llm",
	    "mitigation m-input-filter status", "proposed", "planned");
	assert_change(&v[4], "prompt-injection@llm",
	    "mitigation m-input-filter owner", NULL, "Bob");
	assert_change(&v[5], "prompt-injection@llm",
	    "mitigation m-input-filter due", NULL, "2026-06-30");
	assert_change(&v[6], "prompt-injection@llm", "applies", "true",
	    "false");
	assert_change(&v[7], "prompt-injection@llm", "applies", "false",
	    "true");
	changes_free(v, n);

	/* A sync that changes nothing records nothing. */
	n = history_count(s, "assist");
	assert_int_equal(store_sync_risks(s, "assist", &r1, &e), 0);
	assert_int_equal(history_count(s, "assist"), n);
	assert_int_equal(store_sync_risks(s, "nope", &r1, &e), -1);
	assert_non_null(strstr(e.msg, "no model 'nope' in database"));
	risk_register_release(&r1);
	risk_register_release(&r2);
	store_close(s);
	model_free(m);
}

/*
 * Only what carries information is a row: the mitigations the catalogue
 * proposes are not rows until someone decides about one, or the catalogue
 * drops one; a risk appearing is not history. A database written when
 * every proposed mitigation was a row reads the same.
 */
static void
test_sync_stores_only_information(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist");
	struct risk_register	 r, got;
	struct store_summary	 sum, *v;
	struct store		*s;
	struct risk		*k;
	struct error		 e;
	raw_db			*db;
	char			*msg;
	size_t			 nhist, n;

	s = store_with(fx->db, m);
	nhist = history_count(s, "assist");
	risk_register_init(&r);
	k = add_risk(&r, "prompt-injection", "llm", 4, 4, "m-a");
	risk_add_mitigation(k, "m-b");
	add_risk(&r, "data-leak", "ask", 2, 3, "m-c");
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	assert_int_equal(history_count(s, "assist"), nhist);
	db = raw_open(fx->db);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM "
	    "risk_mitigations"), 0);

	/* A decision about a proposed mitigation makes its row. */
	assert_int_equal(store_set_mitigation(s, "assist", "prompt-injection",
	    "llm", "m-b", MIT_PLANNED, "Bob", NULL, NULL, &e), 0);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM "
	    "risk_mitigations"), 1);
	assert_int_equal(store_set_mitigation(s, "assist", "prompt-injection",
	    "llm", "m-z", MIT_PLANNED, NULL, NULL, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "has no mitigation 'm-z'"));
	risk_register_init(&got);
	assert_int_equal(store_load_risks(s, "assist", &got, &e), 0);
	k = risk_register_find(&got, "prompt-injection", "llm");
	assert_int_equal(k->nmitigations, 2);
	assert_string_equal(k->mitigations[0].id, "m-a");
	assert_int_equal(k->mitigations[0].status, MIT_PROPOSED);
	assert_string_equal(k->mitigations[1].id, "m-b");
	assert_int_equal(k->mitigations[1].status, MIT_PLANNED);
	assert_string_equal(k->mitigations[1].owner, "Bob");
	risk_register_release(&got);

	/* The catalogue drops m-a and proposes m-d: m-a stays, as a row. */
	k = risk_register_find(&r, "prompt-injection", "llm");
	free(k->mitigations[0].id);
	k->mitigations[0].id = xstrdup("m-d");
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM "
	    "risk_mitigations"), 2);
	assert_int_equal(store_load_risks(s, "assist", &got, &e), 0);
	k = risk_register_find(&got, "prompt-injection", "llm");
	assert_int_equal(k->nmitigations, 3);
	assert_string_equal(k->mitigations[0].id, "m-d");
	assert_string_equal(k->mitigations[1].id, "m-b");
	assert_int_equal(k->mitigations[1].status, MIT_PLANNED);
	assert_string_equal(k->mitigations[2].id, "m-a");
	assert_int_equal(k->mitigations[2].status, MIT_PROPOSED);
	risk_register_release(&got);

	/* As an older Parapet wrote it: a row for a proposed mitigation. */
	raw_exec(db, "INSERT INTO risk_mitigations (system, threat, target, "
	    "mitigation, status, owner) VALUES ('assist', 'data-leak', 'ask', "
	    "'m-c', 'proposed', 'Carol')");
	assert_int_equal(store_load_risks(s, "assist", &got, &e), 0);
	k = risk_register_find(&got, "data-leak", "ask");
	assert_int_equal(k->nmitigations, 1);
	assert_string_equal(k->mitigations[0].id, "m-c");
	assert_string_equal(k->mitigations[0].owner, "Carol");
	risk_register_release(&got);

	/* Counted without loading: both apply, both rest on assumptions. */
	assert_int_equal(store_summarize(s, "assist", &sum, &e), 0);
	assert_int_equal(sum.counts.applying, 2);
	assert_int_equal(sum.counts.assumed, 2);
	assert_int_equal(sum.counts.gone, 0);
	assert_int_equal(sum.counts.by_status[RISK_OPEN], 2);
	/*
	 * Said by a column that every row has (schema 10): a row without it
	 * is refused, and nothing is changed.
	 */
	assert_int_equal(raw_count(db, "SELECT sum(assumed) FROM risks"), 2);
	msg = raw_error(db, "UPDATE risks SET assumed = NULL");
	assert_non_null(msg);
	assert_non_null(strstr(msg, "assumed"));
	free(msg);
	msg = raw_error(db, "INSERT INTO risks (system, threat, target, "
	    "likelihood, impact, severity, applies, status) VALUES ('assist', "
	    "'x', 'llm', 1, 1, 'low', 1, 'open')");
	assert_non_null(msg);
	assert_non_null(strstr(msg, "assumed"));
	free(msg);
	assert_int_equal(raw_count(db, "SELECT sum(assumed) FROM risks"), 2);
	assert_int_equal(store_summarize(s, "assist", &sum, &e), 0);
	assert_int_equal(sum.counts.assumed, 2);
	/* The list, which counts every model at once, reads them so too. */
	assert_int_equal(store_list(s, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].counts.applying, 2);
	assert_int_equal(v[0].counts.assumed, 2);
	store_summaries_free(v, n);
	raw_close(db);
	risk_register_release(&r);
	store_close(s);
	model_free(m);
}

/*
 * An analysis that raises nothing marks every decided risk as not applying
 * and drops the undecided ones.
 */
static void
test_sync_empty_register(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist");
	struct risk_register	 r1, none, got;
	struct store_summary	 sum, *v;
	struct store		*s;
	struct error		 e;
	size_t			 n;

	s = store_with(fx->db, m);
	risk_register_init(&r1);
	add_risk(&r1, "data-leak", "ask", 2, 3, "m-encrypt");
	add_risk(&r1, "undecided", "ask", 2, 3, "m-encrypt");
	assert_int_equal(store_sync_risks(s, "assist", &r1, &e), 0);
	/* Someone decided on one; nobody on the other. */
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_OPEN, "ann", NULL, &e), 0);
	risk_register_init(&none);
	assert_int_equal(store_sync_risks(s, "assist", &none, &e), 0);
	risk_register_init(&got);
	assert_int_equal(store_load_risks(s, "assist", &got, &e), 0);
	assert_int_equal(got.n, 1);
	assert_string_equal(got.risks[0]->threat, "data-leak");
	assert_int_equal(got.risks[0]->applies, 0);
	risk_register_release(&got);
	/* Kept, not applying: counted as gone, alone and in the list. */
	assert_int_equal(store_summarize(s, "assist", &sum, &e), 0);
	assert_int_equal(sum.counts.gone, 1);
	assert_int_equal(sum.counts.applying, 0);
	assert_int_equal(store_list(s, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].counts.gone, 1);
	assert_int_equal(v[0].counts.applying, 0);
	store_summaries_free(v, n);
	risk_register_release(&r1);
	store_close(s);
	model_free(m);
}

/*
 * The stored risks with only their decisions (what a re-analysis reads to
 * keep decided findings) say of each risk what the whole register says:
 * decided by its status, owner or justification, or by a mitigation's.
 */
static void
test_risk_states_say_what_was_decided(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist");
	struct risk_register	 r, full, states;
	const struct risk	*a, *b;
	struct store		*s;
	struct error		 e;
	size_t			 i;

	s = store_with(fx->db, m);
	risk_register_init(&r);
	risk_add_mitigation(add_risk(&r, "prompt-injection", "llm", 4, 4,
	    "m-a"), "m-b");
	add_risk(&r, "data-leak", "ask", 2, 3, "m-c");
	add_risk(&r, "undecided", "ask", 2, 3, "m-c");
	add_risk(&r, "owned", "llm", 3, 3, NULL);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_ACCEPTED, "Dan", "Only public data", &e), 0);
	assert_int_equal(store_set_mitigation(s, "assist", "prompt-injection",
	    "llm", "m-b", MIT_PLANNED, "Bob", NULL, NULL, &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "owned", "llm",
	    RISK_OPEN, "ann", NULL, &e), 0);
	risk_register_init(&full);
	risk_register_init(&states);
	assert_int_equal(store_load_risks(s, "assist", &full, &e), 0);
	assert_int_equal(store_load_risk_states(s, "assist", &states, &e), 0);
	assert_int_equal(states.n, full.n);
	assert_int_equal(states.n, 4);
	for (i = 0; i < states.n; i++) {
		a = full.risks[i];
		b = states.risks[i];
		assert_string_equal(b->threat, a->threat);
		assert_string_equal(b->target, a->target);
		assert_int_equal(risk_decided(b), risk_decided(a));
		assert_int_equal(b->nreasons, 0);
		assert_null(b->title);
	}
	assert_true(risk_decided(risk_register_find(&states, "data-leak",
	    "ask")));
	assert_true(risk_decided(risk_register_find(&states,
	    "prompt-injection", "llm")));
	assert_true(risk_decided(risk_register_find(&states, "owned",
	    "llm")));
	assert_false(risk_decided(risk_register_find(&states, "undecided",
	    "ask")));
	risk_register_release(&states);
	risk_register_init(&states);
	assert_int_equal(store_load_risk_states(s, "nope", &states, &e), -1);
	assert_non_null(strstr(e.msg, "nope"));
	assert_int_equal(states.n, 0);
	risk_register_release(&states);
	risk_register_release(&full);
	risk_register_release(&r);
	store_close(s);
	model_free(m);
}

/* A risk with a fact (and an assumption when assumed) and a mitigation. */
static struct risk *
add_plain_risk(struct risk_register *r, const char *threat,
    const char *target, int l, int i, int assumed)
{
	struct risk	*k = risk_register_add(r, threat, target);

	k->title = xasprintf("%s on %s", threat, target);
	k->likelihood = l;
	k->impact = i;
	k->severity = risk_severity(l, i);
	risk_add_reason(k, REASON_FACT, "%s is reachable", target);
	if (assumed)
		risk_add_reason(k, REASON_ASSUMED, "not authenticated");
	risk_add_reason(k, REASON_FACT, "%s", REASON_ESCAPES);
	risk_add_mitigation(k, "m-a");
	return k;
}

/* Risks whose register order is not the order of their names. */
static void
add_order_risks(struct risk_register *r)
{
	risk_add_mitigation(add_plain_risk(r, "z-low", "ask", 1, 2, 0),
	    "m-b");
	add_plain_risk(r, "b-assumed", "llm", 5, 5, 1);
	add_plain_risk(r, "a-high", "llm", 4, 3, 0);
	add_plain_risk(r, "a-high", "ask", 3, 4, 0);
	add_plain_risk(r, "c-higher-score", "ask", 4, 4, 0);
	add_plain_risk(r, "a-high", "zz", 2, 5, 0);
}

/*
 * The cursor gives the stored risks in register order, each as the whole
 * register holds it: what the streamed CSV export writes is what it wrote
 * from the loaded register. The order tested: facts before assumptions,
 * severity, score, then names (not the order they were stored in).
 */
/*
 * A risk read back from the store (by the cursor or in slices) is the one
 * loaded whole: its name, title, status, reasons and decided mitigations.
 */
static void
assert_risk_read_back(const struct risk *a, const struct risk *b)
{
	size_t	j;

	assert_string_equal(b->threat, a->threat);
	assert_string_equal(b->target, a->target);
	assert_string_equal(b->title, a->title);
	assert_int_equal(b->status, a->status);
	assert_int_equal(b->nreasons, a->nreasons);
	assert_int_equal(b->nmitigations, a->nmitigations);
	for (j = 0; j < a->nmitigations; j++) {
		assert_string_equal(b->mitigations[j].id, a->mitigations[j].id);
		assert_int_equal(b->mitigations[j].status,
		    a->mitigations[j].status);
	}
}

static void
test_risk_cursor_is_register_order(void **state)
{
	struct fixture			*fx = *state;
	struct model			*m = rich_model("assist");
	struct risk_register		 r, full;
	struct store_risk_cursor	*c;
	const struct risk		*a, *b;
	struct store			*s;
	struct error			 e;
	size_t				 i, j;

	s = store_with(fx->db, m);
	risk_register_init(&r);
	add_order_risks(&r);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "a-high", "ask",
	    RISK_ACCEPTED, "ann", "Only public data", &e), 0);
	assert_int_equal(store_set_mitigation(s, "assist", "z-low", "ask",
	    "m-a", MIT_PLANNED, "Bob", "2027-01-01", "soon", &e), 0);
	assert_int_equal(store_set_mitigation(s, "assist", "z-low", "ask",
	    "m-b", MIT_IMPLEMENTED, NULL, NULL, NULL, &e), 0);
	risk_register_init(&full);
	assert_int_equal(store_load_risks(s, "assist", &full, &e), 0);
	risk_register_sort(&full);
	assert_int_equal(full.n, 6);
	/* Not the order of the names: severity and score first. */
	assert_string_equal(full.risks[0]->threat, "c-higher-score");
	assert_string_equal(full.risks[5]->threat, "b-assumed");
	assert_non_null(c = store_risk_cursor_open(s, NULL, &e));
	for (i = 0; i < full.n; i++) {
		a = full.risks[i];
		b = store_risk_cursor_next(c, &e);
		assert_non_null(b);
		assert_risk_read_back(a, b);
		assert_int_equal(b->severity, a->severity);
		assert_int_equal(b->likelihood, a->likelihood);
		assert_true((b->owner == NULL) == (a->owner == NULL));
		for (j = 0; j < a->nreasons; j++)
			assert_string_equal(b->reasons[j].line,
			    a->reasons[j].line);
	}
	error_clear(&e);
	assert_null(store_risk_cursor_next(c, &e));
	assert_false(error_isset(&e));
	store_risk_cursor_close(c);
	assert_null(store_risk_cursor_open(s, "nope", &e));
	assert_non_null(strstr(e.msg, "nope"));
	risk_register_release(&full);
	risk_register_release(&r);
	store_close(s);
	model_free(m);
}

/*
 * The whole register as the risks screen lists it by severity: those that
 * apply first, each part in register order (risk_register_sort()).
 */
static void
load_screen_order(struct store *s, struct risk_register *out)
{
	struct risk_register	 full;
	struct error		 e;
	size_t			 i;
	int			 pass;

	risk_register_init(&full);
	assert_int_equal(store_load_risks(s, "assist", &full, &e), 0);
	risk_register_sort(&full);
	risk_register_init(out);
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < full.n; i++)
			if (full.risks[i]->applies == pass) {
				out->risks = xreallocarray(out->risks,
				    out->n + 1, sizeof *out->risks);
				out->risks[out->n++] = full.risks[i];
			}
	free(full.risks);
}

/*
 * Those, and a run of risks of the same severity and score (the order by
 * name), and, when gone, one more that the next sync leaves out.
 */
static void
add_slice_risks(struct risk_register *r, int gone)
{
	add_order_risks(r);
	add_plain_risk(r, "d-same", "ask", 3, 4, 0);
	add_plain_risk(r, "d-same", "llm", 4, 3, 0);
	add_plain_risk(r, "d-same", "zz", 3, 4, 0);
	if (gone)
		add_plain_risk(r, "e-gone", "ask", 5, 5, 0);
}

/*
 * The register read a slice at a time (as the risks screen reads a million
 * risks) gives every risk once, in the order the screen lists them, each
 * whole with its decided mitigations, whatever the size of the slices:
 * slices that end inside a run of risks of the same severity and score
 * go on by name from where they stopped.
 */
static void
test_risk_slices_are_screen_order(void **state)
{
	struct fixture			*fx = *state;
	struct model			*m = rich_model("assist");
	struct risk_register		 r, want, got;
	struct store_risk_slice		 sl;
	const struct risk		*a, *b;
	struct store			*s;
	struct error			 e;
	size_t				 i, n;
	long				 k;

	s = store_with(fx->db, m);
	risk_register_init(&r);
	add_slice_risks(&r, 1);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "a-high", "ask",
	    RISK_ACCEPTED, "ann", "Only public data", &e), 0);
	assert_int_equal(store_set_mitigation(s, "assist", "z-low", "ask",
	    "m-a", MIT_PLANNED, "Bob", "2027-01-01", "soon", &e), 0);
	assert_int_equal(store_set_mitigation(s, "assist", "z-low", "ask",
	    "m-b", MIT_IMPLEMENTED, NULL, NULL, NULL, &e), 0);
	assert_int_equal(store_set_mitigation(s, "assist", "d-same", "zz",
	    "m-a", MIT_VERIFIED, "Cy", NULL, NULL, &e), 0);
	/* e-gone, decided, is kept once it no longer applies. */
	assert_int_equal(store_set_risk(s, "assist", "e-gone", "ask",
	    RISK_MITIGATING, "ann", NULL, &e), 0);
	risk_register_release(&r);
	risk_register_init(&r);
	add_slice_risks(&r, 0);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);

	load_screen_order(s, &want);
	assert_int_equal(want.n, 10);
	assert_string_equal(want.risks[0]->threat, "c-higher-score");
	assert_string_equal(want.risks[8]->threat, "b-assumed");
	assert_string_equal(want.risks[9]->threat, "e-gone");
	assert_false(want.risks[9]->applies);
	for (n = 1; n <= 11; n++) {
		risk_register_init(&got);
		store_risk_slice_init(&sl);
		while ((k = store_risk_slice_next(s, "assist", &sl, n, &got,
		    &e)) > 0)
			assert_true((size_t)k <= n);
		assert_int_equal(k, 0);
		assert_true(sl.done);
		assert_int_equal(got.n, want.n);
		for (i = 0; i < want.n; i++) {
			a = want.risks[i];
			b = got.risks[i];
			assert_risk_read_back(a, b);
			assert_int_equal(b->applies, a->applies);
		}
		store_risk_slice_release(&sl);
		risk_register_release(&got);
	}
	/* A model that is not there is an error, not an empty register. */
	risk_register_init(&got);
	store_risk_slice_init(&sl);
	assert_int_equal(store_risk_slice_next(s, "nope", &sl, 5, &got, &e),
	    -1);
	assert_non_null(strstr(e.msg, "nope"));
	store_risk_slice_release(&sl);
	risk_register_release(&got);
	for (i = 0; i < want.n; i++)
		risk_register_take(NULL, want.risks[i]);
	free(want.risks);
	risk_register_release(&r);
	store_close(s);
	model_free(m);
}

/* For the tally: a risk passes the filter (arg) as the risks screen has it. */
static int
tally_match(void *arg, const struct risk *k, int texthit)
{
	return rfilter_match_tally(arg, k, NULL, texthit);
}

/*
 * The store's count of what a filter of the risks screen passes, made a
 * slice at a time without reading the risks, is the count of the risks
 * read whole that pass it: texts in either case in the title, target,
 * owner, justification, reasons and the decided mitigations' owners and
 * notes, % and _ as themselves, with the status and the risks that no
 * longer apply; a text the stored reasons escape is not counted so.
 */
static void
test_risk_tally_counts_as_the_screen_filters(void **state)
{
	static const char *const texts[] = { "bob", "SOON", "only public",
	    "m-a", "ASK", "zz", "%", "_", "likelihood", "nothing like it",
	    "higher" };
	struct fixture			*fx = *state;
	struct model			*m = rich_model("assist");
	struct risk_register		 r, want;
	struct store_risk_tally		 ty;
	struct rfilter			 f;
	struct store			*s;
	struct error			 e;
	size_t				 i, t, n, passed;
	long				 k;
	int				 gone;

	s = store_with(fx->db, m);
	risk_register_init(&r);
	add_slice_risks(&r, 1);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "a-high", "ask",
	    RISK_ACCEPTED, "ann", "Only public data", &e), 0);
	assert_int_equal(store_set_mitigation(s, "assist", "z-low", "ask",
	    "m-a", MIT_PLANNED, "Bob", "2027-01-01", "soon", &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "e-gone", "ask",
	    RISK_MITIGATING, "ann", NULL, &e), 0);
	risk_register_release(&r);
	risk_register_init(&r);
	add_slice_risks(&r, 0);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	load_screen_order(s, &want);
#ifdef TEST_PG
	/*
	 * A server's LIKE tells upper from lower case, the screens do not:
	 * it declines (-2), and the screens count the risks they read.
	 */
	(void)texts;
	(void)gone;
	(void)t;
	(void)n;
	(void)passed;
	(void)k;
	rfilter_init(&f);
	store_risk_tally_init(&ty);
	assert_int_equal(store_risk_tally_next(s, "assist", NULL, tally_match,
	    &f, &ty, 5, &e), -2);
	assert_int_equal(ty.n, 0);
	store_risk_tally_release(&ty);
	rfilter_release(&f);
#else
	for (t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		for (gone = 0; gone <= 1; gone++) {
			rfilter_init(&f);
			assert_int_equal(rfilter_set(&f, "text", texts[t], &e),
			    0);
			f.gone = gone;
			if (t % 3 == 1)
				assert_int_equal(rfilter_set(&f, "status",
				    "open", &e), 0);
			passed = 0;
			for (i = 0; i < want.n; i++)
				passed += rfilter_match(&f, want.risks[i],
				    NULL) != 0;
			for (n = 1; n <= 11; n += 3) {
				store_risk_tally_init(&ty);
				while ((k = store_risk_tally_next(s, "assist",
				    f.text, tally_match, &f, &ty, n, &e)) > 0)
					assert_true((size_t)k <= n);
				assert_int_equal(k, 0);
				assert_true(ty.done);
				assert_int_equal(ty.seen, want.n);
				if (ty.n != passed)
					fail_msg("'%s' (gone %d): %zu counted, "
					    "%zu pass", texts[t], gone, ty.n,
					    passed);
				store_risk_tally_release(&ty);
			}
			rfilter_release(&f);
		}
	}
	/* Some texts pass: the count is not always 0. */
	rfilter_init(&f);
	assert_int_equal(rfilter_set(&f, "text", "bob", &e), 0);
	store_risk_tally_init(&ty);
	while (store_risk_tally_next(s, "assist", f.text, tally_match, &f,
	    &ty, 100, &e) > 0)
		;
	assert_int_equal(ty.n, 1);
	store_risk_tally_release(&ty);
	/* A backslash: the reasons escape it, so not counted here. */
	store_risk_tally_init(&ty);
	assert_int_equal(store_risk_tally_next(s, "assist", "a\\b",
	    tally_match, &f, &ty, 5, &e), -2);
	store_risk_tally_release(&ty);
	rfilter_release(&f);
	/* A model that is not there is an error. */
	store_risk_tally_init(&ty);
	assert_int_equal(store_risk_tally_next(s, "nope", NULL, tally_match,
	    &f, &ty, 5, &e), -1);
	store_risk_tally_release(&ty);
#endif
	for (i = 0; i < want.n; i++)
		risk_register_take(NULL, want.risks[i]);
	free(want.risks);
	risk_register_release(&r);
	store_close(s);
	model_free(m);
}

/* export_input's sources from a store stream, as parapet export reads. */
static const void *
stream_object(void *x, int type, struct error *e)
{
	return store_stream_next_object(x, type, e);
}

static const struct risk *
stream_risk(void *x, struct error *e)
{
	return store_stream_next_risk(x, e);
}

static const struct change *
stream_change(void *x, struct error *e)
{
	return store_stream_next_change(x, e);
}

/*
 * The XML export read from a store stream (one object, risk or history
 * entry held at a time) is the file the export of the loaded model,
 * register and history writes, byte for byte: objects in the order of
 * their lists, risks in register order with their decisions, every
 * history entry. The stream holds no component or flow of its own.
 */
static void
test_stream_exports_what_load_does(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist"), *loaded, *m2;
	const struct exporter	*x = export_find("xml");
	struct export_input	 in;
	struct risk_register	 r, full;
	struct store_stream	*st;
	struct change		*hist;
	struct store		*s;
	struct error		 e;
	struct buf		 a, b;
	size_t			 nhist;
	int			 changed;

	s = store_with(fx->db, m);
	/* A second revision: an object added, a field changed. */
	m2 = rich_model("assist");
	set(model_add_component(m2, "a-tool", KIND_TOOL), OBJ_COMPONENT,
	    "name", "Search tool");
	set(m2->components[0], OBJ_COMPONENT, "name", "Customer <&> \"x\"");
	if (store_save(s, m2, 1, &changed, &e) != 0)
		fail_msg("store_save: %s", e.msg);
	risk_register_init(&r);
	risk_add_mitigation(add_plain_risk(&r, "z-low", "customer", 1, 2, 0),
	    "m-b");
	add_plain_risk(&r, "b-assumed", "llm", 5, 5, 1);
	add_plain_risk(&r, "a-high", "llm", 4, 3, 0);
	add_plain_risk(&r, "a-high", "a-tool", 3, 4, 0);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "a-high", "llm",
	    RISK_ACCEPTED, "ann", "Only public data", &e), 0);
	assert_int_equal(store_set_mitigation(s, "assist", "z-low",
	    "customer", "m-a", MIT_PLANNED, "Bob", "2027-01-01", "soon", &e),
	    0);

	/* As every other export: all of it loaded. */
	assert_non_null(loaded = store_load(s, NULL, &e));
	risk_register_init(&full);
	assert_int_equal(store_load_risks(s, "assist", &full, &e), 0);
	risk_register_sort(&full);
	assert_int_equal(store_history(s, "assist", NULL, &hist, &nhist, &e),
	    0);
	memset(&in, 0, sizeof in);
	in.model = loaded;
	in.risks = &full;
	in.history = hist;
	in.nhistory = nhist;
	in.generated_at = "2026-01-01T00:00:00Z";
	buf_init(&a);
	assert_int_equal(x->write(&in, &a, &e), 0);

	/* Streamed. */
	assert_non_null(st = store_stream_open(s, NULL, &e));
	assert_int_equal(store_stream_model(st)->ncomponents, 0);
	assert_int_equal(store_stream_model(st)->nflows, 0);
	assert_int_equal(store_stream_model(st)->nboundaries, 2);
	memset(&in, 0, sizeof in);
	in.model = store_stream_model(st);
	in.generated_at = "2026-01-01T00:00:00Z";
	in.next_object = stream_object;
	in.next_risk = stream_risk;
	in.next_change = stream_change;
	in.risk_source = st;
	buf_init(&b);
	assert_int_equal(x->write(&in, &b, &e), 0);
	store_stream_close(st);

	assert_non_null(strstr(a.s, "<component id=\"a-tool\""));
	assert_non_null(strstr(a.s, "Customer &lt;&amp;&gt; &quot;x&quot;"));
	assert_non_null(strstr(a.s, "<owner>Bob</owner>"));
	assert_true(nhist > 5);
	assert_string_equal(b.s, a.s);

	assert_null(store_stream_open(s, "nope", &e));
	assert_non_null(strstr(e.msg, "nope"));
	buf_release(&a);
	buf_release(&b);
	changes_free(hist, nhist);
	risk_register_release(&full);
	risk_register_release(&r);
	model_free(loaded);
	model_free(m2);
	store_close(s);
	model_free(m);
}

/*
 * The YAML export from a store stream (one object at a time, and only the
 * risks that carry decisions) is the file the export of the loaded model
 * and every risk's decisions writes, byte for byte: decided risks and
 * mitigations in name order, an owner alone is a decision, a risk that no
 * longer applies keeps its decision out of the file, the undecided are
 * left out.
 */
static void
test_stream_yaml_exports_what_load_does(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist"), *loaded;
	const struct exporter	*x = export_find("yaml");
	struct export_input	 in;
	struct risk_register	 r, states, decided;
	struct store_stream	*st;
	struct store		*s;
	struct error		 e;
	struct buf		 a, b;

	s = store_with(fx->db, m);
	risk_register_init(&r);
	add_plain_risk(&r, "z-low", "customer", 1, 2, 0);
	add_plain_risk(&r, "b-assumed", "llm", 5, 5, 1);
	add_plain_risk(&r, "a-high", "llm", 4, 3, 0);
	add_plain_risk(&r, "c-gone", "llm", 4, 3, 0);
	add_plain_risk(&r, "d-open", "llm", 2, 3, 0);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "a-high", "llm",
	    RISK_ACCEPTED, "ann", "Only public data: \"ok\"", &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "b-assumed", "llm",
	    RISK_OPEN, "Bob", NULL, &e), 0);
	assert_int_equal(store_set_mitigation(s, "assist", "z-low",
	    "customer", "m-a", MIT_PLANNED, "Bob", "2027-01-01", "soon", &e),
	    0);
	assert_int_equal(store_set_risk(s, "assist", "c-gone", "llm",
	    RISK_ACCEPTED, "ann", "No longer raised", &e), 0);
	/* c-gone no longer applies: its decision is kept, not exported. */
	risk_register_release(&r);
	risk_register_init(&r);
	add_plain_risk(&r, "z-low", "customer", 1, 2, 0);
	add_plain_risk(&r, "b-assumed", "llm", 5, 5, 1);
	add_plain_risk(&r, "a-high", "llm", 4, 3, 0);
	add_plain_risk(&r, "d-open", "llm", 2, 3, 0);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);

	/* As the screens export it: the model and every risk's state. */
	assert_non_null(loaded = store_load(s, NULL, &e));
	risk_register_init(&states);
	assert_int_equal(store_load_risk_states(s, "assist", &states, &e), 0);
	memset(&in, 0, sizeof in);
	in.model = loaded;
	in.risks = &states;
	buf_init(&a);
	assert_int_equal(x->write(&in, &a, &e), 0);

	/* Streamed, as the command line exports it. */
	assert_non_null(st = store_stream_open(s, NULL, &e));
	risk_register_init(&decided);
	assert_int_equal(store_stream_decisions(st, &decided, &e), 0);
	memset(&in, 0, sizeof in);
	in.model = store_stream_model(st);
	in.risks = &decided;
	in.next_object = stream_object;
	in.risk_source = st;
	buf_init(&b);
	assert_int_equal(x->write(&in, &b, &e), 0);
	store_stream_close(st);

	assert_non_null(strstr(a.s, "\ncomponents:\n"));
	assert_non_null(strstr(a.s, "\nflows:\n"));
	assert_non_null(strstr(a.s, "\ndecisions:\n  a-high@llm:\n"
	    "    status: accepted\n    owner: ann\n"));
	assert_non_null(strstr(a.s, "  b-assumed@llm:\n    status: open\n"
	    "    owner: Bob\n"));
	assert_non_null(strstr(a.s, "  z-low@customer:\n    status: open\n"
	    "    mitigations:\n      m-a:\n        status: planned\n"));
	assert_null(strstr(a.s, "c-gone"));
	assert_null(strstr(a.s, "d-open"));
	assert_string_equal(b.s, a.s);
	/* What the stream held: the decided risks, not the register. */
	assert_true(decided.n < states.n);

	buf_release(&a);
	buf_release(&b);
	risk_register_release(&decided);
	risk_register_release(&states);
	risk_register_release(&r);
	model_free(loaded);
	store_close(s);
	model_free(m);
}

/* A group of changes is kept whole or not at all, nested or not. */
static void
test_transaction_all_or_nothing(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist");
	struct risk_register	 r;
	struct store		*s;
	struct error		 e;

	assert_non_null(s = store_open(fx->db, STORE_CREATE, &e));
	risk_register_init(&r);
	add_risk(&r, "data-leak", "ask", 2, 3, "m-encrypt");

	/* Rolled back: neither the model nor its risks are there. */
	assert_int_equal(store_transaction(s, &e), 0);
	assert_int_equal(store_save(s, m, -1, NULL, &e), 0);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	store_transaction_rollback(s);
	assert_int_equal(store_exists(s, "assist", &e), 0);

	/* An inner rollback dooms the outer group. */
	assert_int_equal(store_transaction(s, &e), 0);
	assert_int_equal(store_transaction(s, &e), 0);
	assert_int_equal(store_save(s, m, -1, NULL, &e), 0);
	store_transaction_rollback(s);
	assert_int_equal(store_transaction_commit(s, &e), -1);
	assert_non_null(strstr(e.msg, "rolled back"));
	assert_int_equal(store_exists(s, "assist", &e), 0);

	/* Committed: both are there, in one go. */
	assert_int_equal(store_transaction(s, &e), 0);
	assert_int_equal(store_save(s, m, -1, NULL, &e), 0);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	assert_int_equal(store_transaction_commit(s, &e), 0);
	store_close(s);
	assert_non_null(s = store_open(fx->db, 0, &e));
	assert_int_equal(store_exists(s, "assist", &e), 1);
	risk_register_release(&r);
	risk_register_init(&r);
	assert_int_equal(store_load_risks(s, "assist", &r, &e), 0);
	assert_int_equal(r.n, 1);
	risk_register_release(&r);
	store_close(s);
	model_free(m);
}

/* A revision that cannot grow is refused, never wrapped round. */
static void
test_largest_revision_refused(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist");
	struct store	*s;
	struct error	 e;
	raw_db		*db;

	s = store_with(fx->db, m);
	store_close(s);
	db = raw_open(fx->db);
	raw_exec(db, "UPDATE models SET revision = 9223372036854775807");
	raw_close(db);
	assert_non_null(s = store_open(fx->db, 0, &e));
	free(m->system.name);
	m->system.name = xstrdup("Renamed");
	assert_int_equal(store_save(s, m, -1, NULL, &e), -1);
	assert_string_equal(e.msg, "model 'assist' is at the largest "
	    "revision number and cannot change");
	store_close(s);
	model_free(m);
}

/* A store holding rich_model(id) and a small register for it. */
static struct store *
store_with_risks(const char *path, struct model *m)
{
	struct store		*s = store_with(path, m);
	struct risk_register	 r;
	struct error		 e;

	risk_register_init(&r);
	add_risk(&r, "prompt-injection", "llm", 5, 4, "m-input-filter");
	add_risk(&r, "data-leak", "ask", 2, 3, "m-encrypt");
	add_risk(&r, "poisoning", "llm", 3, 4, NULL);
	if (store_sync_risks(s, m->system.id, &r, &e) != 0)
		fail_msg("store_sync_risks: %s", e.msg);
	risk_register_release(&r);
	return s;
}

static void
test_decisions_are_checked(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist");
	struct risk_register	 got;
	struct store		*s;
	struct error		 e;
	struct risk		*k;
	size_t			 n;

	s = store_with_risks(fx->db, m);
	n = history_count(s, "assist");
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_ACCEPTED, "Alice", NULL, &e), -1);
	assert_string_equal(e.msg,
	    "accepting a risk requires a justification");
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_NOT_APPLICABLE, NULL, "", &e), -1);
	assert_string_equal(e.msg,
	    "marking a risk not applicable requires a justification");
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask", 9,
	    NULL, NULL, &e), -1);
	assert_string_equal(e.msg, "invalid risk status 9");
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "bsk",
	    RISK_MITIGATING, NULL, NULL, &e), -1);
	assert_string_equal(e.msg, "no risk 'data-leak@bsk' in model "
	    "'assist'");
	assert_int_equal(history_count(s, "assist"), n);

	/* A new acceptance needs a risk owner and a reason of a few words. */
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_ACCEPTED, NULL, "no personal data in prompts", &e), -1);
	assert_string_equal(e.msg, "accepting a risk requires a risk owner, "
	    "the person who answers for it");
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_ACCEPTED, "Alice", "x", &e), -1);
	assert_string_equal(e.msg, "accepting a risk requires a "
	    "justification of at least 3 words, saying why it may stand");
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_ACCEPTED, "Alice", "fine - ok", &e), -1);
	assert_int_equal(history_count(s, "assist"), n);

	/* With a reason stored, accepting again needs none. */
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_NOT_APPLICABLE, NULL, "no personal data in prompts", &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_ACCEPTED, "Dan", NULL, &e), 0);
	assert_int_equal(history_count(s, "assist"), n + 4);
	/* An accepted risk keeps an owner. */
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_ACCEPTED, "", NULL, &e), -1);
	/* Only the owner: who decided stays. */
	setenv("PARAPET_USER", "bob", 1);
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_ACCEPTED, "Carol", NULL, &e), 0);
	setenv("PARAPET_USER", "tester", 1);
	risk_register_init(&got);
	assert_int_equal(store_load_risks(s, "assist", &got, &e), 0);
	k = risk_register_find(&got, "data-leak", "ask");
	assert_int_equal(k->status, RISK_ACCEPTED);
	assert_string_equal(k->owner, "Carol");
	assert_string_equal(k->justification, "no personal data in prompts");
	assert_string_equal(k->decided_by, "tester");
	risk_register_release(&got);
	store_close(s);
	model_free(m);
}

static void
test_mitigation_is_checked(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist");
	struct store		*s;
	struct error		 e;
	size_t			 n;

	s = store_with_risks(fx->db, m);
	n = history_count(s, "assist");
	assert_int_equal(store_set_mitigation(s, "assist", "data-leak", "ask",
	    "m-encrypt", -1, NULL, "2026-02-30", NULL, &e), -1);
	assert_string_equal(e.msg, "invalid due date '2026-02-30' (expected "
	    "a date as YYYY-MM-DD)");
	assert_int_equal(store_set_mitigation(s, "assist", "data-leak", "ask",
	    "m-encrypt", -1, NULL, "30/06/2026", NULL, &e), -1);
	assert_int_equal(store_set_mitigation(s, "assist", "data-leak", "ask",
	    "m-encrypt", -1, NULL, "2025-02-29", NULL, &e), -1);
	assert_int_equal(store_set_mitigation(s, "assist", "data-leak", "ask",
	    "m-encrypt", 7, NULL, NULL, NULL, &e), -1);
	assert_string_equal(e.msg, "invalid mitigation status 7");
	assert_int_equal(store_set_mitigation(s, "assist", "data-leak", "ask",
	    "m-encrpyt", MIT_PLANNED, NULL, NULL, NULL, &e), -1);
	assert_string_equal(e.msg, "risk 'data-leak@ask' has no mitigation "
	    "'m-encrpyt' (did you mean 'm-encrypt'?)");
	assert_int_equal(store_set_mitigation(s, "assist", "data-leak", "asx",
	    "m-encrypt", MIT_PLANNED, NULL, NULL, NULL, &e), -1);
	assert_string_equal(e.msg, "no risk 'data-leak@asx' in model "
	    "'assist'");
	assert_int_equal(history_count(s, "assist"), n);
	/* A leap day is a real date; "" clears. */
	assert_int_equal(store_set_mitigation(s, "assist", "data-leak", "ask",
	    "m-encrypt", -1, NULL, "2028-02-29", "rotate keys", &e), 0);
	assert_int_equal(store_set_mitigation(s, "assist", "data-leak", "ask",
	    "m-encrypt", -1, NULL, "", NULL, &e), 0);
	assert_int_equal(history_count(s, "assist"), n + 3);
	store_close(s);
	model_free(m);
}

static void
test_list_counts(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist"), *m2;
	struct store_summary	*v;
	struct store		*s;
	struct error		 e;
	size_t			 n;

	s = store_with_risks(fx->db, m);
	m2 = model_new();
	set(&m2->system, OBJ_SYSTEM, "id", "aaa");
	set(&m2->system, OBJ_SYSTEM, "name", "Empty");
	assert_int_equal(store_save(s, m2, -1, NULL, &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "poisoning", "llm",
	    RISK_MITIGATING, NULL, NULL, &e), 0);
	assert_int_equal(store_list(s, &v, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].id, "aaa");
	assert_string_equal(v[0].name, "Empty");
	assert_int_equal(v[0].ncomponents, 0);
	assert_int_equal(v[0].counts.applying, 0);
	assert_string_equal(v[1].id, "assist");
	assert_string_equal(v[1].name, "Support assistant");
	/* Saved (1), then a decision (2): each a revision. */
	assert_int_equal(v[1].revision, 2);
	assert_string_equal(v[1].updated, NOW);
	assert_int_equal(v[1].nboundaries, 2);
	assert_int_equal(v[1].ncomponents, 3);
	assert_int_equal(v[1].nflows, 2);
	assert_int_equal(v[1].counts.applying, 3);
	/* 5 x 4, 3 x 4, 2 x 3 */
	assert_int_equal(v[1].counts.by_severity[LEVEL_CRITICAL], 1);
	assert_int_equal(v[1].counts.by_severity[LEVEL_HIGH], 1);
	assert_int_equal(v[1].counts.by_severity[LEVEL_MEDIUM], 1);
	assert_int_equal(v[1].counts.by_status[RISK_OPEN], 2);
	assert_int_equal(v[1].counts.by_status[RISK_MITIGATING], 1);
	store_summaries_free(v, n);

	/*
	 * The start screen's list (the risks by severity and status only)
	 * follows each decision, and says nothing of what it did not count.
	 */
	assert_int_equal(store_set_risk(s, "assist", "data-leak", "ask",
	    RISK_ACCEPTED, "Ann", "no personal data in prompts", &e), 0);
	assert_int_equal(store_list_some(s, STORE_LIST_RISKS, &v, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[1].id, "assist");
	assert_int_equal(v[1].revision, 3);
	assert_int_equal(v[1].counts.applying, 3);
	assert_int_equal(v[1].counts.by_severity[LEVEL_CRITICAL], 1);
	assert_int_equal(v[1].counts.by_status[RISK_OPEN], 1);
	assert_int_equal(v[1].counts.by_status[RISK_MITIGATING], 1);
	assert_int_equal(v[1].counts.by_status[RISK_ACCEPTED], 1);
	assert_int_equal(v[1].ncomponents, 0);
	assert_int_equal(v[1].counts.assumed, 0);
	store_summaries_free(v, n);
	assert_int_equal(store_set_risk(s, "assist", "poisoning", "llm",
	    RISK_OPEN, NULL, NULL, &e), 0);
	assert_int_equal(store_list_some(s, STORE_LIST_RISKS, &v, &n, &e), 0);
	assert_int_equal(v[1].counts.by_status[RISK_OPEN], 2);
	assert_int_equal(v[1].counts.by_status[RISK_MITIGATING], 0);
	assert_int_equal(v[1].counts.by_status[RISK_ACCEPTED], 1);
	assert_int_equal(v[1].counts.cell[LEVEL_CRITICAL][RISK_ACCEPTED] +
	    v[1].counts.cell[LEVEL_HIGH][RISK_ACCEPTED] +
	    v[1].counts.cell[LEVEL_MEDIUM][RISK_ACCEPTED], 1);
	store_summaries_free(v, n);
	/* Ids alone: the commands that only need a model's name. */
	assert_int_equal(store_list_some(s, 0, &v, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[1].id, "assist");
	assert_int_equal(v[1].counts.applying, 0);
	assert_int_equal(v[1].nflows, 0);
	store_summaries_free(v, n);
	/* Two models: loading needs a name. */
	assert_null(store_load(s, NULL, &e));
	assert_non_null(strstr(e.msg, "holds several models ('aaa', "
	    "'assist'); name one with --model"));
	store_close(s);
	model_free(m2);
	model_free(m);
}

static void
test_delete_keeps_history(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist");
	struct risk_register	 got;
	struct store		*s;
	struct change		*v;
	struct error		 e;
	raw_db			*db;
	size_t			 n, before;

	s = store_with_risks(fx->db, m);
	before = history_count(s, "assist");
	assert_int_equal(store_delete(s, "assist", &e), 0);
	assert_int_equal(store_exists(s, "assist", &e), 0);
	assert_null(store_load(s, "assist", &e));
	risk_register_init(&got);
	assert_int_equal(store_load_risks(s, "assist", &got, &e), -1);
	assert_int_equal(store_history(s, "assist", NULL, &v, &n, &e), 0);
	assert_int_equal(n, before + 1);
	assert_change(&v[n - 1], "assist", "deleted", "Support assistant",
	    NULL);
	changes_free(v, n);
	assert_int_equal(store_delete(s, "assist", &e), -1);
	store_close(s);
	/* Nothing of the model is left behind but its history. */
	db = raw_open(fx->db);
	assert_int_equal(raw_count(db, "SELECT (SELECT count(*) FROM objects)"
	    " + (SELECT count(*) FROM fields) + (SELECT count(*) FROM risks)"
	    " + (SELECT count(*) FROM risk_mitigations)"
	    " + (SELECT count(*) FROM practices)"), 0);
	raw_close(db);
	model_free(m);
}

/*
 * An XML import creates a model with the register and decisions it had
 * elsewhere; its history comes in appended and marked as imported (its
 * authors and times are the file's), followed by who imported it. It never
 * replaces a stored model, and bringing the same history again adds
 * nothing.
 */
static void
test_import_full_appends_history(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist"), *other, *back;
	struct risk_register	 r, got;
	struct change		*h, *v;
	struct store		*s;
	struct risk		*k;
	struct error		 e;
	raw_db			*db;
	size_t			 n, nother;

	assert_non_null(s = store_open(fx->db, STORE_CREATE, &e));
	other = rich_model("other");
	assert_int_equal(store_save(s, other, -1, NULL, &e), 0);
	nother = history_count(s, "other");

	risk_register_init(&r);
	k = add_risk(&r, "evasion", "llm", 2, 2, "m-adv-training");
	k->status = RISK_ACCEPTED;
	k->justification = xstrdup("low value target");
	k->decided_by = xstrdup("dana");
	k->decided_at = xstrdup("2025-01-01T00:00:00Z");
	k->applies = 0;
	k->mitigations[0].status = MIT_REJECTED;
	k->mitigations[0].due = xstrdup("2025-02-01");
	risk_add_mitigation(k, "m-monitor");	/* no decision */
	h = xcalloc(2, sizeof *h);
	h[0].at = xstrdup("2025-01-01T00:00:00Z");
	h[0].who = xstrdup("dana");
	h[0].object = xstrdup("assist");
	h[0].field = xstrdup("created");
	h[0].new_value = xstrdup("system");
	h[1].at = xstrdup("2025-01-02T00:00:00Z");
	h[1].who = xstrdup("erin");
	h[1].object = xstrdup("evasion@llm");
	h[1].field = xstrdup("status");
	h[1].old_value = xstrdup("open");
	h[1].new_value = xstrdup("accepted");
	set(m->components[0], OBJ_COMPONENT, "name", "Imported customer");
	m->revision = 12;
	assert_int_equal(store_import_full(s, m, &r, h, 2, "x.xml", &e), 0);

	assert_int_equal(store_history(s, "assist", NULL, &v, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].who, "dana");
	assert_string_equal(v[0].field, "created");
	assert_string_equal(v[0].source, "imported from 'x.xml'");
	assert_string_equal(v[1].at, "2025-01-02T00:00:00Z");
	assert_string_equal(v[1].object, "evasion@llm");
	assert_string_equal(v[1].old_value, "open");
	assert_string_equal(v[1].source, "imported from 'x.xml'");
	assert_true(v[0].seq < v[1].seq);
	/* Then ours: who imported, from where. */
	assert_string_equal(v[2].who, store_user());
	assert_string_equal(v[2].field, "imported");
	assert_string_equal(v[2].new_value, "x.xml");
	assert_string_equal(v[2].source, "import of 'x.xml'");
	changes_free(v, n);
	assert_int_equal(history_count(s, "other"), nother);

	back = store_load(s, "assist", &e);
	assert_non_null(back);
	assert_int_equal(back->revision, 12);
	test_assert_same_model(m, back);
	model_free(back);
	risk_register_init(&got);
	assert_int_equal(store_load_risks(s, "assist", &got, &e), 0);
	assert_int_equal(got.n, 1);	/* the old register is gone */
	k = got.risks[0];
	assert_string_equal(k->threat, "evasion");
	assert_int_equal(k->applies, 0);
	assert_int_equal(k->status, RISK_ACCEPTED);
	assert_string_equal(k->decided_by, "dana");
	assert_string_equal(k->decided_at, "2025-01-01T00:00:00Z");
	assert_int_equal(k->mitigations[0].status, MIT_REJECTED);
	assert_string_equal(k->mitigations[0].due, "2025-02-01");
	/* The one without a decision reads the same, and is no row. */
	assert_int_equal(k->nmitigations, 2);
	assert_string_equal(k->mitigations[1].id, "m-monitor");
	assert_int_equal(k->mitigations[1].status, MIT_PROPOSED);
	assert_null(k->mitigations[1].owner);
	risk_register_release(&got);
	db = raw_open(fx->db);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM "
	    "risk_mitigations WHERE system = 'assist'"), 1);
	raw_close(db);

	/* Never over a stored model; the same history adds nothing. */
	assert_int_equal(store_import_full(s, m, &r, h, 2, "x.xml", &e), -1);
	assert_int_equal(store_append_imported(s, "assist", h, 2, "y.xml",
	    &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(history_count(s, "assist"), 3);

	/* A bad entry changes nothing. */
	free(h[1].who);
	h[1].who = NULL;
	assert_int_equal(store_append_imported(s, "other", h, 2, "x.xml",
	    NULL, &e), -1);
	assert_int_equal(history_count(s, "other"), nother);
	changes_free(h, 2);
	risk_register_release(&r);
	store_close(s);
	model_free(other);
	model_free(m);
}

/*
 * The screens reread a model only when the database moved since they read
 * it: a write through this store, or a commit by another connection.
 */
static void
test_mark_sees_every_change(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist"), *back;
	struct store		*s;
	struct store_mark	 mk;
	struct risk_register	 r;
	struct error		 e;
	raw_db			*other;

	s = store_with(fx->db, m);
	store_mark(s, &mk);
	assert_int_equal(store_moved(s, &mk), 0);
	back = store_load(s, NULL, &e);		/* reading moves nothing */
	assert_non_null(back);
	assert_int_equal(store_moved(s, &mk), 0);
	/* A save through this store. */
	set(back->components[0], OBJ_COMPONENT, "name", "Client");
	assert_int_equal(store_save(s, back, -1, NULL, &e), 0);
	assert_int_equal(store_moved(s, &mk), 1);
	model_free(back);
	/* A decision (no model revision) through this store. */
	risk_register_init(&r);
	add_risk(&r, "prompt-injection", "llm", 4, 4, "m-input-filter");
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	store_mark(s, &mk);
	assert_int_equal(store_set_risk(s, "assist", "prompt-injection", "llm",
	    RISK_ACCEPTED, "Alice", "vendor filters prompts", &e), 0);
	assert_int_equal(store_moved(s, &mk), 1);
	risk_register_release(&r);
	/* A commit by another connection. */
	store_mark(s, &mk);
	other = raw_open(fx->db);
	raw_exec(other, "UPDATE models SET name = 'Changed elsewhere'");
	raw_close(other);
	assert_int_equal(store_moved(s, &mk), 1);
	store_mark(s, &mk);
	assert_int_equal(store_moved(s, &mk), 0);
	store_close(s);
	model_free(m);
}

static void
test_read_only_store(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist"), *back;
	struct store	*s;
	struct error	 e;
	char		*msg;

	store_close(store_with(fx->db, m));
	s = open_ok(fx->db, STORE_READONLY);
	back = store_load(s, NULL, &e);
	assert_non_null(back);
	set(back->components[0], OBJ_COMPONENT, "name", "Client");
	assert_int_equal(store_save(s, back, -1, NULL, &e), -1);
	msg = xasprintf("database '%s' is read-only", fx->db);
	assert_string_equal(e.msg, msg);
	free(msg);
	model_free(back);
	store_close(s);
	model_free(m);
}

static void
test_type_change_and_order(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist"), *back;
	struct component	*c;
	struct store		*s;
	struct change		*v;
	struct error		 e;
	size_t			 n, before;

	s = store_with(fx->db, m);
	before = history_count(s, "assist");
	/* The id of a flow becomes a component's; two components swap. */
	assert_int_equal(model_remove(m, "log"), 0);
	c = model_add_component(m, "log", KIND_DATASTORE);
	set(c, OBJ_COMPONENT, "name", "Log store");
	c = m->components[0];
	m->components[0] = m->components[1];
	m->components[1] = c;
	m->indexed = 0;
	assert_int_equal(store_save(s, m, 1, NULL, &e), 0);
	assert_int_equal(m->revision, 2);
	assert_int_equal(store_history(s, "assist", NULL, &v, &n, &e), 0);
	assert_int_equal(n, before + 3);
	assert_change(&v[before], "log", "deleted", "flow", NULL);
	assert_change(&v[before + 1], "log", "created", NULL, "datastore");
	assert_change(&v[before + 2], "assist", "component order",
	    "customer, llm, monitor", "llm, customer, monitor");
	changes_free(v, n);
	store_close(s);
	s = open_ok(fx->db, 0);
	back = store_load(s, "assist", &e);
	assert_non_null(back);
	test_assert_same_model(m, back);
	assert_string_equal(back->components[0]->id, "llm");
	assert_string_equal(back->components[3]->id, "log");
	model_free(back);

	/* Someone deleted the model meanwhile. */
	assert_int_equal(store_delete(s, "assist", &e), 0);
	assert_int_equal(store_save(s, m, 2, NULL, &e), -1);
	assert_string_equal(e.msg, "model 'assist' was deleted by someone "
	    "else (expected revision 2)");
	store_close(s);
	model_free(m);
}


/* A revision rebuilt, or NULL with the error kept in e. */
static struct model *
revision_of(struct store *s, const char *id, long rev,
    struct risk_register *reg, struct error *e)
{
	risk_register_release(reg);
	risk_register_init(reg);
	return store_load_revision(s, id, rev, reg, e);
}

static void
test_revisions_rebuild(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist"), *at1, *a, *r;
	struct risk_register	 reg;
	struct component	*c;
	struct change		*v;
	const struct risk	*k;
	struct store		*s;
	struct error		 e;
	size_t			 n, i;
	char			*msg;

	risk_register_init(&reg);
	s = store_with_risks(fx->db, m);
	at1 = store_load(s, "assist", &e);
	assert_int_equal(at1->revision, 1);
	/* 2: a field changes, a component (and its flow) goes. */
	a = store_load(s, "assist", &e);
	set(a->components[1], OBJ_COMPONENT, "name", "Vendor LLM");
	assert_int_equal(model_remove(a, "monitor"), 0);
	assert_int_equal(store_save(s, a, a->revision, NULL, &e), 0);
	assert_int_equal(a->revision, 2);
	model_free(a);
	/* 3: a decision. */
	assert_int_equal(store_set_risk(s, "assist", "prompt-injection", "llm",
	    RISK_ACCEPTED, "Lead", "vendor filter in place", &e), 0);
	/* 4: a component added, a practice answered. */
	a = store_load(s, "assist", &e);
	assert_int_equal(a->revision, 3);
	c = model_add_component(a, "kb", KIND_VECTOR_STORE);
	set(c, OBJ_COMPONENT, "name", "Index");
	model_practice(a, "q-red-team")->answer = TRI_YES;
	assert_int_equal(store_save(s, a, a->revision, NULL, &e), 0);
	assert_int_equal(a->revision, 4);
	/* 5: a rename: the risk and its decision follow. */
	assert_int_equal(model_rename(a, "llm", "gpt", &e), 0);
	assert_int_equal(store_save(s, a, a->revision, NULL, &e), 0);
	assert_int_equal(a->revision, 5);
	model_free(a);

	/* Each entry belongs to the revision it made. */
	assert_int_equal(store_history(s, "assist", NULL, &v, &n, &e), 0);
	assert_int_equal(v[0].revision, 1);
	assert_string_equal(v[0].field, "created");
	for (i = 0; i < n; i++) {
		if (v[i].object != NULL && strcmp(v[i].object,
		    "prompt-injection@llm") == 0 && strcmp(v[i].field,
		    "status") == 0)
			assert_int_equal(v[i].revision, 3);
		if (strcmp(v[i].field, "deleted") == 0)
			assert_int_equal(v[i].revision, 2);
	}
	assert_int_equal(v[n - 1].revision, 5);
	changes_free(v, n);

	/* 1: as it was saved, every field, the decision not yet made. */
	r = revision_of(s, "assist", 1, &reg, &e);
	if (r == NULL)
		fail_msg("revision 1: %s", e.msg);
	assert_int_equal(r->revision, 1);
	test_assert_same_model(at1, r);
	k = risk_register_find(&reg, "prompt-injection", "llm");
	assert_non_null(k);
	assert_int_equal(k->status, RISK_OPEN);
	assert_null(k->owner);
	model_free(r);
	/* 3: the component gone, the name changed, the decision made. */
	r = revision_of(s, NULL, 3, &reg, &e);
	assert_non_null(r);
	assert_null(model_find(r, "monitor"));
	assert_null(model_find(r, "log"));
	assert_string_equal(model_component(r, "llm")->name, "Vendor LLM");
	assert_null(model_find(r, "kb"));
	assert_int_equal(model_practice(r, "q-red-team")->answer, TRI_NO);
	k = risk_register_find(&reg, "prompt-injection", "llm");
	assert_int_equal(k->status, RISK_ACCEPTED);
	assert_string_equal(k->owner, "Lead");
	assert_string_equal(k->justification, "vendor filter in place");
	model_free(r);
	/* -1: the one before the latest, under the old id. */
	r = revision_of(s, "assist", -1, &reg, &e);
	assert_int_equal(r->revision, 4);
	assert_non_null(model_component(r, "kb"));
	assert_non_null(model_component(r, "llm"));
	assert_null(model_find(r, "gpt"));
	assert_int_equal(model_practice(r, "q-red-team")->answer, TRI_YES);
	model_free(r);
	/* 0: the latest. */
	r = revision_of(s, "assist", 0, &reg, &e);
	assert_int_equal(r->revision, 5);
	assert_non_null(model_component(r, "gpt"));
	assert_int_equal(risk_register_find(&reg, "prompt-injection",
	    "gpt")->status, RISK_ACCEPTED);
	model_free(r);
	/* Unknown revisions. */
	assert_null(revision_of(s, "assist", 6, &reg, &e));
	msg = xasprintf("model 'assist' in database '%s' has no revision 6 "
	    "(its revisions are 1 to 5; see parapet history)", fx->db);
	assert_string_equal(e.msg, msg);
	free(msg);
	assert_null(revision_of(s, "assist", -5, &reg, &e));
	assert_non_null(strstr(e.msg, "has no revision 0"));
	assert_null(revision_of(s, "nope", 1, &reg, &e));
	assert_non_null(strstr(e.msg, "no model 'nope'"));

	risk_register_release(&reg);
	model_free(at1);
	store_close(s);
	model_free(m);
}

/*
 * An object made in one entry, edited, renamed and deleted: each older
 * revision has it back with the fields it had then, text with newlines
 * and backslashes included; its entries tell who created and deleted it.
 */
static void
test_deleted_object_rebuilt(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist"), *a, *at2, *r;
	struct risk_register	 reg;
	struct component	*c;
	struct change		*v;
	struct store		*s;
	struct error		 e;
	size_t			 n;

	risk_register_init(&reg);
	s = store_with(fx->db, m);
	/* 2: kb made, with text that needs escaping. */
	a = store_load(s, "assist", &e);
	c = model_add_component(a, "kb", KIND_VECTOR_STORE);
	set(c, OBJ_COMPONENT, "name", "Index = docs");
	set(c, OBJ_COMPONENT, "description", "two\nlines \\ and \\n");
	set(c, OBJ_COMPONENT, "boundary", "cloud");
	assert_int_equal(store_save(s, a, a->revision, NULL, &e), 0);
	assert_int_equal(a->revision, 2);
	at2 = store_load(s, "assist", &e);
	/* 3: edited; 4: renamed; 5: deleted. */
	set(model_component(a, "kb"), OBJ_COMPONENT, "name", "Index");
	set(model_component(a, "kb"), OBJ_COMPONENT, "boundary", "");
	assert_int_equal(store_save(s, a, a->revision, NULL, &e), 0);
	assert_int_equal(model_rename(a, "kb", "index", &e), 0);
	assert_int_equal(store_save(s, a, a->revision, NULL, &e), 0);
	assert_int_equal(model_remove(a, "index"), 0);
	assert_int_equal(store_save(s, a, a->revision, NULL, &e), 0);
	assert_int_equal(a->revision, 5);
	model_free(a);

	assert_int_equal(store_history(s, "assist", "index", &v, &n, &e), 0);
	assert_int_equal(n, 5);
	assert_change(&v[0], "kb", "created", NULL, "vector-store");
	assert_int_equal(v[0].revision, 2);
	assert_change(&v[4], "index", "deleted", "vector-store", NULL);
	assert_int_equal(v[4].revision, 5);
	changes_free(v, n);

	r = revision_of(s, "assist", 2, &reg, &e);
	if (r == NULL)
		fail_msg("revision 2: %s", e.msg);
	test_assert_same_model(at2, r);
	assert_string_equal(model_component(r, "kb")->description,
	    "two\nlines \\ and \\n");
	model_free(r);
	r = revision_of(s, "assist", 3, &reg, &e);
	assert_non_null(r);
	assert_string_equal(model_component(r, "kb")->name, "Index");
	assert_null(model_component(r, "kb")->boundary);
	model_free(r);
	r = revision_of(s, "assist", 4, &reg, &e);
	assert_non_null(r);
	assert_null(model_find(r, "kb"));
	assert_string_equal(model_component(r, "index")->name, "Index");
	model_free(r);
	r = revision_of(s, "assist", 1, &reg, &e);
	assert_non_null(r);
	test_assert_same_model(m, r);
	model_free(r);

	risk_register_release(&reg);
	model_free(at2);
	store_close(s);
	model_free(m);
}

static void
test_decision_does_not_conflict(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist"), *a;
	struct store	*s, *t;
	struct error	 e;

	s = store_with_risks(fx->db, m);
	t = open_ok(fx->db, 0);			/* a second process */
	a = store_load(s, "assist", &e);
	/* Someone decides a risk: revision 2. */
	assert_int_equal(store_set_risk(t, "assist", "poisoning", "llm",
	    RISK_MITIGATING, "Bob", NULL, &e), 0);
	/* An edit made on revision 1 still saves: no conflict. */
	set(a->components[0], OBJ_COMPONENT, "name", "Client");
	if (store_save(s, a, 1, NULL, &e) != 0)
		fail_msg("store_save: %s", e.msg);
	assert_int_equal(a->revision, 3);
	/* An edit made on revision 1 after that edit: refused. */
	set(a->components[0], OBJ_COMPONENT, "name", "Visitor");
	assert_int_equal(store_save(t, a, 1, NULL, &e), -1);
	assert_string_equal(e.msg, "model 'assist' was changed by someone "
	    "else (revision 3, expected 1); reload it");
	/* A transaction's decision and save are one revision. */
	assert_int_equal(store_transaction(s, &e), 0);
	assert_int_equal(store_set_risk(s, "assist", "poisoning", "llm",
	    RISK_OPEN, NULL, NULL, &e), 0);
	assert_int_equal(store_save(s, a, 3, NULL, &e), 0);
	assert_int_equal(store_transaction_commit(s, &e), 0);
	assert_int_equal(a->revision, 4);
	model_free(a);
	store_close(t);
	store_close(s);
	model_free(m);
}

/*
 * A model opened in part, as the TUI opens one: its system and practices,
 * and which objects it has stored. The rest, read later into it, makes
 * the model stored whole; a decision made since does not stop that read,
 * an edit does (as it would stop a save made on the part), and leaves
 * the part as it was: what the screens show never mixes two revisions.
 */
static void
test_load_head_then_rest(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist"), *h, *whole;
	struct store	*s, *t;
	struct error	 e;

	s = store_with_risks(fx->db, m);
	t = open_ok(fx->db, 0);			/* a second process */
	if ((h = store_load_head(s, "assist", &e)) == NULL)
		fail_msg("store_load_head: %s", e.msg);
	assert_int_equal(h->nboundaries + h->ncomponents + h->nflows, 0);
	assert_int_equal(h->unread, MODEL_UNREAD_BOUNDARIES |
	    MODEL_UNREAD_COMPONENTS | MODEL_UNREAD_FLOWS);
	assert_string_equal(h->system.owner, "Head of Ops");
	assert_int_equal(h->npractices, 2);
	assert_int_equal(h->revision, 1);
	/* Someone decides a risk: the objects are still revision 1's. */
	assert_int_equal(store_set_risk(t, "assist", "poisoning", "llm",
	    RISK_MITIGATING, "Bob", NULL, &e), 0);
	if (store_load_rest(s, h, &e) != 0)
		fail_msg("store_load_rest: %s", e.msg);
	assert_int_equal(h->unread, 0);
	assert_non_null(whole = store_load(s, "assist", &e));
	test_assert_same_model(h, whole);
	assert_non_null(model_find(h, "log"));
	assert_ptr_equal(h->flows[0]->dst, model_find(h, "llm")->ptr);
	model_free(h);

	/* Opened in part again, then edited elsewhere: refused, unchanged. */
	assert_non_null(h = store_load_head(s, "assist", &e));
	set(whole->components[0], OBJ_COMPONENT, "name", "Client");
	if (store_save(t, whole, whole->revision, NULL, &e) != 0)
		fail_msg("store_save: %s", e.msg);
	assert_int_equal(store_load_rest(s, h, &e), -1);
	assert_string_equal(e.msg, "model 'assist' was changed by someone "
	    "else (revision 3, expected 2); reload it");
	assert_int_equal(h->nboundaries + h->ncomponents + h->nflows, 0);
	assert_int_not_equal(h->unread, 0);
	assert_string_equal(h->system.owner, "Head of Ops");
	model_free(h);

	/* A model of no objects is whole as it opens. */
	model_free(whole);
	whole = model_new();
	set(&whole->system, OBJ_SYSTEM, "id", "empty");
	set(&whole->system, OBJ_SYSTEM, "name", "Empty");
	if (store_save(s, whole, 0, NULL, &e) != 0)
		fail_msg("store_save: %s", e.msg);
	assert_non_null(h = store_load_head(s, "empty", &e));
	assert_int_equal(h->unread, 0);
	model_free(h);
	model_free(whole);
	store_close(t);
	store_close(s);
	model_free(m);
}

/*
 * The objects of a model opened in part, read a slice at a time by type
 * (as steps 2 to 4 read them), come in the model's order, not their ids',
 * and once every type is read they make the model store_load() reads;
 * the model edited elsewhere between two slices is refused, as
 * store_load_rest() refuses it.
 */
static void
test_objects_in_slices(void **state)
{
	struct fixture			*fx = *state;
	struct model			*m = rich_model("assist"), *h, *r, *whole;
	struct store_objects_slice	 sl[3];
	struct component		*c;
	struct store			*s, *t;
	struct error			 e;
	char				 id[16];
	long				 got;
	int				 i, k;

	/* Ids that sort against the model's order. */
	for (i = 9; i >= 0; i--) {
		snprintf(id, sizeof id, "x%d", i);
		c = model_add_component(m, id, KIND_APPLICATION);
		set(c, OBJ_COMPONENT, "name", id);
		set(c, OBJ_COMPONENT, "boundary", "cloud");
	}
	s = store_with_risks(fx->db, m);
	t = open_ok(fx->db, 0);			/* a second process */
	assert_non_null(whole = store_load(s, "assist", &e));
	assert_non_null(h = store_load_head(s, "assist", &e));
	r = model_new();
	r->system.id = xstrdup("assist");
	for (k = 0; k < 3; k++) {
		store_objects_slice_init(&sl[k], OBJ_BOUNDARY + k);
		while ((got = store_objects_slice_next(s, r, h->revision,
		    &sl[k], 3, &e)) > 0)
			assert_true(got <= 3);
		if (got == -1)
			fail_msg("store_objects_slice_next: %s", e.msg);
		assert_true(sl[k].done);
		store_objects_slice_release(&sl[k]);
	}
	assert_int_equal(r->ncomponents, whole->ncomponents);
	assert_true(r->ncomponents > 10);
	for (i = 0; i < (int)r->ncomponents; i++)
		assert_string_equal(r->components[i]->id,
		    whole->components[i]->id);
	assert_int_equal(r->nflows, whole->nflows);
	assert_int_equal(r->nboundaries, whole->nboundaries);
	if (store_objects_finish(s, h, r, &e) != 0)
		fail_msg("store_objects_finish: %s", e.msg);
	assert_int_equal(h->unread, 0);
	test_assert_same_model(h, whole);
	assert_ptr_equal(h->flows[0]->dst, model_find(h, "llm")->ptr);
	model_free(r);
	model_free(h);

	/* Edited elsewhere between two slices: refused. */
	assert_non_null(h = store_load_head(s, "assist", &e));
	r = model_new();
	r->system.id = xstrdup("assist");
	store_objects_slice_init(&sl[0], OBJ_COMPONENT);
	assert_int_equal(store_objects_slice_next(s, r, h->revision, &sl[0],
	    3, &e), 3);
	set(whole->components[0], OBJ_COMPONENT, "name", "Client");
	if (store_save(t, whole, whole->revision, NULL, &e) != 0)
		fail_msg("store_save: %s", e.msg);
	assert_int_equal(store_objects_slice_next(s, r, h->revision, &sl[0],
	    3, &e), -1);
	assert_non_null(strstr(e.msg, "was changed by someone else"));
	store_objects_slice_release(&sl[0]);
	model_free(r);
	model_free(h);
	model_free(whole);
	store_close(t);
	store_close(s);
	model_free(m);
}

/* The risk of a register read from a store, which must be there. */
static const struct risk *
seen_risk(struct risk_register *r, struct store *s, const char *threat)
{
	const struct risk	*k;
	struct error		 e;

	risk_register_release(r);
	risk_register_init(r);
	if (store_load_risks(s, "assist", r, &e) != 0)
		fail_msg("store_load_risks: %s", e.msg);
	assert_non_null(k = risk_register_find(r, threat, "llm"));
	return k;
}

/*
 * A decision made on a view of a risk (what a screen or a command read) is
 * refused, with nothing written, when another process changed the stored
 * risk since: it stopped applying, applies again, was rescored, decided
 * otherwise, its mitigation changed, or it is gone. Made on what is
 * stored, it is written.
 */
static void
test_decision_on_stale_view_refused(void **state)
{
	struct fixture		*fx = *state;
	struct model		*m = rich_model("assist");
	struct risk_register	 r, seen, old;
	const struct risk	*k;
	struct store		*s, *t;
	struct error		 e;
	size_t			 n;

	s = store_with(fx->db, m);
	t = open_ok(fx->db, 0);			/* a second process */
	risk_register_init(&r);
	add_plain_risk(&r, "a-high", "llm", 4, 3, 0);
	add_plain_risk(&r, "b-kept", "llm", 3, 3, 0);
	add_plain_risk(&r, "c-dropped", "llm", 2, 2, 0);
	assert_int_equal(store_sync_risks(s, "assist", &r, &e), 0);
	/* An owner: b-kept stays, no longer applying, when not raised. */
	assert_int_equal(store_set_risk(s, "assist", "b-kept", "llm",
	    RISK_OPEN, "Bob", NULL, &e), 0);
	risk_register_init(&seen);
	risk_register_init(&old);
	seen_risk(&old, s, "a-high");		/* the screen's view */

	/* The other re-analyses: a-high rescored, b-kept and c-dropped gone. */
	risk_register_release(&r);
	risk_register_init(&r);
	add_plain_risk(&r, "a-high", "llm", 2, 3, 0);
	assert_int_equal(store_sync_risks(t, "assist", &r, &e), 0);
	n = history_count(s, "assist");
	k = risk_register_find(&old, "b-kept", "llm");
	assert_int_equal(store_risk_seen(s, "assist", k, NULL, &e), 0);
	assert_int_equal(store_decide_risk(s, "assist", k, RISK_MITIGATING,
	    NULL, NULL, 0, &e), -1);
	assert_string_equal(e.msg, "risk 'b-kept@llm' was changed by someone "
	    "else: it no longer applies");
	k = risk_register_find(&old, "c-dropped", "llm");
	assert_int_equal(store_decide_risk(s, "assist", k, RISK_MITIGATING,
	    NULL, NULL, 0, &e), -1);
	assert_string_equal(e.msg, "risk 'c-dropped@llm' was changed by "
	    "someone else: it is no longer in the register");
	k = risk_register_find(&old, "a-high", "llm");
	assert_int_equal(store_decide_risk(s, "assist", k, RISK_OPEN, "Carol",
	    NULL, 0, &e), -1);
	assert_string_equal(e.msg, "risk 'a-high@llm' was changed by someone "
	    "else: its likelihood or impact changed");
	assert_int_equal(store_decide_mitigation(s, "assist", "a-high", "llm",
	    k, "m-a", MIT_PLANNED, NULL, NULL, NULL, 0, &e), -1);
	assert_non_null(strstr(e.msg, "changed by someone else"));
	/* Nothing was written. */
	assert_int_equal(history_count(s, "assist"), n);
	k = seen_risk(&seen, s, "b-kept");
	assert_int_equal(k->status, RISK_OPEN);
	assert_false(k->applies);
	k = seen_risk(&seen, s, "a-high");
	assert_null(k->owner);
	assert_int_equal(k->mitigations[0].status, MIT_PROPOSED);

	/* On what is stored now, the same decisions are written. */
	assert_int_equal(store_risk_seen(s, "assist", k, "m-a", &e), 1);
	assert_int_equal(store_decide_risk(s, "assist", k, RISK_OPEN, "Carol",
	    NULL, 0, &e), 0);
	k = seen_risk(&seen, s, "a-high");
	assert_int_equal(store_decide_mitigation(s, "assist", "a-high", "llm",
	    k, "m-a", MIT_PLANNED, NULL, NULL, NULL, 0, &e), 0);
	k = seen_risk(&seen, s, "b-kept");
	assert_int_equal(store_decide_risk(s, "assist", k, RISK_MITIGATING,
	    NULL, NULL, 0, &e), 0);
	assert_int_equal(history_count(s, "assist"), n + 3);

	/* Decided otherwise by the other: the status, then a mitigation. */
	k = seen_risk(&seen, s, "a-high");
	assert_int_equal(store_set_risk(t, "assist", "a-high", "llm",
	    RISK_MITIGATING, NULL, NULL, &e), 0);
	assert_int_equal(store_decide_risk(s, "assist", k, RISK_OPEN, "Dana",
	    NULL, 0, &e), -1);
	assert_string_equal(e.msg, "risk 'a-high@llm' was changed by someone "
	    "else: its status, owner or justification changed");
	k = seen_risk(&seen, s, "a-high");
	assert_int_equal(store_set_mitigation(t, "assist", "a-high", "llm",
	    "m-a", -1, NULL, NULL, "theirs", &e), 0);
	assert_int_equal(store_decide_mitigation(s, "assist", "a-high", "llm",
	    k, "m-a", -1, NULL, NULL, "mine", 0, &e), -1);
	assert_string_equal(e.msg, "risk 'a-high@llm' was changed by someone "
	    "else: its mitigation changed");
	/* Another mitigation of it, not changed, may be decided. */
	assert_int_equal(store_risk_seen(s, "assist", k, NULL, &e), 1);

	/* b-kept is raised again: a view of it as gone is stale. */
	k = seen_risk(&seen, s, "b-kept");
	add_plain_risk(&r, "b-kept", "llm", 3, 3, 0);
	assert_int_equal(store_sync_risks(t, "assist", &r, &e), 0);
	assert_int_equal(store_decide_risk(s, "assist", k, RISK_OPEN, NULL,
	    NULL, 0, &e), -1);
	assert_string_equal(e.msg, "risk 'b-kept@llm' was changed by someone "
	    "else: it applies again");
	/*
	 * A command that decides without showing the risk is refused for
	 * that too, but not for another's decision since; a status it does
	 * not give stays the stored one, not the one it read.
	 */
	assert_int_equal(store_decide_risk(s, "assist", k, RISK_OPEN, NULL,
	    NULL, STORE_SEEN_APPLIES, &e), -1);
	k = seen_risk(&seen, s, "b-kept");
	assert_int_equal(store_set_risk(t, "assist", "b-kept", "llm",
	    RISK_OPEN, "Erin", NULL, &e), 0);
	assert_int_equal(store_decide_risk(s, "assist", k, -1, "Fay", NULL,
	    STORE_SEEN_APPLIES, &e), 0);
	assert_int_equal(store_decide_mitigation(s, "assist", "b-kept", "llm",
	    k, "m-a", MIT_PLANNED, NULL, NULL, NULL, STORE_SEEN_APPLIES, &e),
	    0);
	assert_int_equal(store_decide_risk(s, "assist", k, -1, "Fay", NULL, 0,
	    &e), -1);
	k = seen_risk(&seen, s, "b-kept");
	assert_int_equal(k->status, RISK_OPEN);
	assert_string_equal(k->owner, "Fay");
	assert_int_equal(k->mitigations[0].status, MIT_PLANNED);

	risk_register_release(&old);
	risk_register_release(&seen);
	risk_register_release(&r);
	store_close(t);
	store_close(s);
	model_free(m);
}

/*
 * An object's fields are one row; a field this Parapet does not know (a
 * newer one's, in the same schema) is left alone when it loads the object
 * and when it writes the object's other fields.
 */
static void
test_unknown_field_kept(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist"), *back;
	struct store	*s;
	struct error	 e;
	raw_db		*db;
	char		*t;

	store_close(store_with(fx->db, m));
	db = raw_open(fx->db);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM fields "
	    "WHERE object <> ''"), 0);
	raw_exec(db, "UPDATE objects SET fields = fields || "
	    "'future-field=a\\nb' || char(10) WHERE object = 'llm'");
	raw_close(db);

	s = open_ok(fx->db, 0);
	back = store_load(s, "assist", &e);
	assert_non_null(back);
	test_assert_same_model(m, back);
	set(model_component(back, "llm"), OBJ_COMPONENT, "name", "Vendor LLM");
	set(model_component(back, "llm"), OBJ_COMPONENT, "provider", "");
	assert_int_equal(store_save(s, back, 1, NULL, &e), 0);
	model_free(back);
	store_close(s);

	db = raw_open(fx->db);
	t = raw_text(db, "SELECT fields FROM objects WHERE object = 'llm'");
	assert_non_null(strstr(t, "name=Vendor LLM\n"));
	assert_null(strstr(t, "provider="));
	assert_non_null(strstr(t, "\nfuture-field=a\\nb\n"));
	free(t);
	raw_close(db);
	s = open_ok(fx->db, 0);
	back = store_load(s, "assist", &e);
	assert_string_equal(model_component(back, "llm")->name, "Vendor LLM");
	assert_int_equal(model_component(back, "llm")->provider, -1);
	assert_int_equal(model_component(back, "llm")->weights_format,
	    WEIGHTS_SAFETENSORS);
	model_free(back);
	store_close(s);
	model_free(m);
}

/*
 * A fields row of an object (as a database before schema 4 kept them)
 * still sets its field when the model loads; one of an object the model
 * does not have is left alone. So is a field out of order in an objects
 * row.
 */
static void
test_object_field_rows_load(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist"), *back;
	struct store	*s;
	struct error	 e;
	raw_db		*db;

	store_close(store_with(fx->db, m));
	db = raw_open(fx->db);
	raw_exec(db, "INSERT INTO fields VALUES ('assist', 'llm', "
	    "'description', 'from a row of its own')");
	raw_exec(db, "INSERT INTO fields VALUES ('assist', 'no-such-object', "
	    "'description', 'nobody')");
	/* A row's fields out of their table's order still load. */
	raw_exec(db, "UPDATE objects SET fields = fields || "
	    "'name=Named last' || char(10) WHERE object = 'llm'");
	raw_close(db);

	s = open_ok(fx->db, 0);
	back = store_load(s, "assist", &e);
	assert_non_null(back);
	assert_string_equal(model_component(back, "llm")->description,
	    "from a row of its own");
	assert_string_equal(model_component(back, "llm")->name,
	    "Named last");
	assert_int_equal(model_component(back, "llm")->weights_format,
	    WEIGHTS_SAFETENSORS);
	assert_null(model_find(back, "no-such-object"));
	model_free(back);
	store_close(s);
	model_free(m);
}

/*
 * A save compares the model with a field as a fields row of its own says
 * it, over the object's packed fields: although those packed are the
 * saved model's as it is, the stored field differs, and the save records
 * the change.
 */
static void
test_object_field_row_is_compared(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist");
	struct store	*s;
	struct error	 e;
	raw_db		*db;
	size_t		 before;
	int		 changed = -1;

	store_close(store_with(fx->db, m));
	db = raw_open(fx->db);
	raw_exec(db, "INSERT INTO fields VALUES ('assist', 'llm', "
	    "'description', 'from a row of its own')");
	raw_close(db);
	s = open_ok(fx->db, 0);
	before = history_count(s, "assist");
	assert_int_equal(store_save(s, m, 1, &changed, &e), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(m->revision, 2);
	assert_int_equal(history_count(s, "assist"), before + 1);
	store_close(s);
	model_free(m);
}

/*
 * Objects load in the order of their positions, and objects of one
 * position (which no Parapet writes, but a database may hold) by id.
 */
static void
test_objects_load_in_position_order(void **state)
{
	struct fixture	*fx = *state;
	struct model	*m = rich_model("assist"), *back;
	struct store	*s;
	struct error	 e;
	raw_db		*db;
	size_t		 i;

	store_close(store_with(fx->db, m));
	db = raw_open(fx->db);
	raw_exec(db, "UPDATE objects SET position = 0 "
	    "WHERE type = 'component'");
	raw_exec(db, "UPDATE objects SET position = 1000 - position "
	    "WHERE type = 'flow'");
	raw_close(db);

	s = open_ok(fx->db, 0);
	back = store_load(s, "assist", &e);
	assert_non_null(back);
	assert_true(back->ncomponents >= 2 && back->nflows >= 2);
	for (i = 1; i < back->ncomponents; i++) {
		assert_true(strcmp(back->components[i - 1]->id,
		    back->components[i]->id) < 0);
		assert_int_equal(back->components[i]->index, i);
	}
	/* The flows' order turned around. */
	for (i = 0; i < back->nflows; i++)
		assert_string_equal(back->flows[i]->id,
		    m->flows[m->nflows - 1 - i]->id);
	model_free(back);
	store_close(s);
	model_free(m);
}

#ifndef TEST_PG
/*
 * What schema 10 made, undone, for a database taken back to an older
 * schema: the triggers that refuse a risk row without its assumed column,
 * and the index of schema 8 it dropped, of the rows without it. Schema
 * 9's index of the risks' order, which read their reasons where that
 * column was unset, is what SCHEMA_9_ORDER makes.
 */
#define SCHEMA_13_UNDONE \
	"ALTER TABLE open_questions_at DROP COLUMN titles; "
#define SCHEMA_12_UNDONE SCHEMA_13_UNDONE \
	"DROP INDEX objects_by_type; "
#define SCHEMA_11_UNDONE SCHEMA_12_UNDONE \
	"ALTER TABLE open_questions_at DROP COLUMN revision; " \
	"ALTER TABLE open_questions_at DROP COLUMN analysis; "
#define SCHEMA_10_UNDONE SCHEMA_11_UNDONE \
	"DROP TRIGGER risks_assumed_insert; " \
	"DROP TRIGGER risks_assumed_update; " \
	"CREATE INDEX risks_unsure ON risks (system) WHERE applies = 1 AND " \
	"assumed IS NULL; "
#define SCHEMA_9_ORDER \
	"CREATE INDEX risks_order ON risks (system, ((((1 - applies) * 2 + " \
	"CASE WHEN assumed IS NOT NULL THEN assumed " \
	"WHEN substr(reasons, 1, 9) = 'assumed: ' OR " \
	"instr(reasons, char(10) || 'assumed: ') > 0 THEN 1 ELSE 0 END) * 4 " \
	"+ CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 " \
	"WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE CASE " \
	"WHEN likelihood * impact >= 16 THEN 0 " \
	"WHEN likelihood * impact >= 10 THEN 1 " \
	"WHEN likelihood * impact >= 5 THEN 2 ELSE 3 END END) * 64 " \
	"- likelihood * impact), threat, target); "

/*
 * A database brought to this schema, where every risk row says whether it
 * rests on an assumption.
 */
static void
assert_assumed_set(raw_db *db)
{
	assert_int_equal(raw_count(db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM risks "
	    "WHERE assumed IS NULL"), 0);
}

/* Every history entry, whole, in order: what no migration may change. */
static const char *const history_all_sql = "SELECT group_concat(seq || "
    "'|' || at || '|' || who || '|' || system || '|' || "
    "ifnull(object, '-') || '|' || ifnull(field, '-') || '|' || "
    "ifnull(old_value, '-') || '|' || ifnull(new_value, '-') || '|' || "
    "ifnull(source, '-') || '|' || ifnull(revision, '-') || '|' || "
    "ifnull(was, '-'), char(10)) FROM (SELECT * FROM history ORDER BY seq)";

/*
 * Schema 10: a database of schema 9 (from an old Parapet's file, taken
 * back) whose risks do not all say whether they rest on an assumption, as
 * a merge before its sync left them, is filled from their reasons once:
 * every row says, the summary counts them as before, the register reads
 * in the same order and with the same counts, history is unchanged, and
 * a row without the column is refused from then on.
 */
static void
test_migrate_schema_9_assumed(void **state)
{
	static const char *const flags = "SELECT group_concat(threat || '@' "
	    "|| target || '=' || applies || assumed, ' ') FROM (SELECT * FROM "
	    "risks ORDER BY system, threat, target)";
	static const char *const counted = "SELECT ifnull(sum(n), 0) FROM "
	    "risk_counts WHERE assumed = 1";
	static const char *const system = "support-assistant";
	struct fixture		*fx = *state;
	struct risk_register	 got, want;
	struct store_risk_slice	 sl;
	struct store_summary	 sum_before, sum;
	struct store		*s;
	struct error		 e;
	raw_db			*db;
	char			*hist, *flag, *t, *msg;
	long			 nassumed;
	size_t			 i;

	db = raw_fixture(fx->db, "schema-3.sql");
	raw_close(db);
	/* As this Parapet reads it: the counts and the register's order. */
	s = open_ok(fx->db, 0);
	assert_int_equal(store_summarize(s, system, &sum_before, &e), 0);
	risk_register_init(&want);
	store_risk_slice_init(&sl);
	while (store_risk_slice_next(s, system, &sl, 4, &want, &e) > 0)
		;
	assert_true(sl.done);
	store_risk_slice_release(&sl);
	store_close(s);
	db = raw_open(fx->db);
	hist = raw_text(db, history_all_sql);
	flag = raw_text(db, flags);
	nassumed = raw_count(db, counted);
	assert_true(nassumed > 0);
	assert_int_equal((size_t)nassumed, sum_before.counts.assumed);
	/* Back to schema 9, every row's column unset. */
	raw_exec(db, SCHEMA_10_UNDONE "DROP INDEX risks_order; "
	    SCHEMA_9_ORDER "UPDATE risks SET assumed = NULL; "
	    "PRAGMA user_version = 9");
	assert_int_equal(raw_count(db, counted), 0);
	raw_close(db);

	s = open_ok(fx->db, 0);
	db = raw_open(fx->db);
	assert_assumed_set(db);
	t = raw_text(db, flags);
	assert_string_equal(t, flag);
	free(t);
	assert_int_equal(raw_count(db, counted), nassumed);
	t = raw_text(db, history_all_sql);
	assert_string_equal(t, hist);
	free(t);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'risks_unsure'"), 0);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'risks_order'"), 1);
	msg = raw_error(db, "UPDATE risks SET assumed = NULL");
	assert_non_null(msg);
	assert_non_null(strstr(msg, "risks.assumed"));
	free(msg);
	raw_close(db);

	assert_int_equal(store_summarize(s, system, &sum, &e), 0);
	assert_memory_equal(&sum.counts, &sum_before.counts,
	    sizeof sum.counts);
	risk_register_init(&got);
	store_risk_slice_init(&sl);
	while (store_risk_slice_next(s, system, &sl, 4, &got, &e) > 0)
		;
	assert_true(sl.done);
	assert_int_equal(got.n, want.n);
	for (i = 0; i < want.n; i++) {
		assert_string_equal(got.risks[i]->threat,
		    want.risks[i]->threat);
		assert_string_equal(got.risks[i]->target,
		    want.risks[i]->target);
	}
	store_risk_slice_release(&sl);
	risk_register_release(&got);
	risk_register_release(&want);
	store_close(s);
	free(hist);
	free(flag);
}

/*
 * A database of schema 2 (tests/data/store/schema-2.sql, made by the
 * Parapet before revisions) is migrated: its entries get the revisions
 * they made, the decision the one the model was at, the model keeps its
 * revision, and the revisions can be rebuilt.
 */
static void
test_migrate_schema_2(void **state)
{
	struct fixture		*fx = *state;
	struct risk_register	 reg;
	struct change		*v;
	struct model		*r;
	struct store		*s;
	struct error		 e;
	raw_db			*db;
	size_t			 n, i;

	db = raw_fixture(fx->db, "schema-2.sql");
	assert_int_equal(raw_count(db, "PRAGMA user_version"), 2);
	raw_close(db);

	/*
	 * A read of a file the reader may not write is refused, and the
	 * file is left as it was; a read of one they may write upgrades it
	 * (as the first write would) and reads it.
	 */
	assert_int_equal(chmod(fx->db, 0400), 0);
	if (access(fx->db, W_OK) != 0) {	/* root may write anyway */
		assert_null(store_open(fx->db, STORE_READONLY, &e));
		assert_non_null(strstr(e.msg, "must be upgraded"));
		db = raw_open(fx->db);
		assert_int_equal(raw_count(db, "PRAGMA user_version"), 2);
		raw_close(db);
	}
	assert_int_equal(chmod(fx->db, 0600), 0);
	s = open_ok(fx->db, STORE_READONLY);
	store_close(s);
	db = raw_open(fx->db);
	assert_int_equal(raw_count(db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM history"), 67);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM history "
	    "WHERE revision IS NULL"), 0);
	assert_int_equal(raw_count(db, "SELECT revision FROM models"), 4);
	raw_close(db);

	s = open_ok(fx->db, STORE_READONLY);
	assert_int_equal(store_history(s, NULL, NULL, &v, &n, &e), 0);
	assert_int_equal(n, 67);
	for (i = 0; i < n; i++) {
		/* One revision a day: the decision of the 3rd is in 2. */
		if (strncmp(v[i].at, "2026-10-01", 10) == 0)
			assert_int_equal(v[i].revision, 1);
		else if (strncmp(v[i].at, "2026-10-02", 10) == 0 ||
		    strncmp(v[i].at, "2026-10-03", 10) == 0)
			assert_int_equal(v[i].revision, 2);
		else if (strncmp(v[i].at, "2026-10-04", 10) == 0)
			assert_int_equal(v[i].revision, 3);
		else
			assert_int_equal(v[i].revision, 4);
	}
	changes_free(v, n);
	risk_register_init(&reg);
	r = store_load_revision(s, NULL, 2, &reg, &e);
	if (r == NULL)
		fail_msg("revision 2: %s", e.msg);
	assert_non_null(model_component(r, "gpt"));
	assert_non_null(model_component(r, "tickets"));
	assert_null(model_find(r, "kb"));
	assert_int_equal(risk_register_find(&reg, "llm-jailbreak",
	    "gpt")->status, RISK_ACCEPTED);
	model_free(r);
	risk_register_release(&reg);
	risk_register_init(&reg);
	r = store_load_revision(s, NULL, 1, &reg, &e);
	assert_non_null(r);
	assert_int_equal(risk_register_find(&reg, "llm-jailbreak",
	    "gpt")->status, RISK_OPEN);
	model_free(r);
	risk_register_release(&reg);
	store_close(s);

	/* From now on, a decision is a revision of its own. */
	s = open_ok(fx->db, 0);
	assert_int_equal(store_set_risk(s, "support-assistant",
	    "llm-jailbreak", "llm", RISK_OPEN, NULL, NULL, &e), 0);
	r = store_load(s, NULL, &e);
	assert_int_equal(r->revision, 5);
	model_free(r);
	store_close(s);
}

/*
 * A database of schema 3 (tests/data/store/schema-3.sql: begun with a
 * Parapet that kept a row for every proposed mitigation, then edited with
 * one that logged every field of a new object) migrates: its history is
 * untouched, the rows that only repeated the catalogue's default
 * mitigations go, the register reads the same with its decisions, and a
 * revision before an object's deletion still has the object, rebuilt from
 * the entries of the old shape.
 */
static void
test_migrate_schema_3(void **state)
{
	static const char *const all = "SELECT group_concat(seq || '|' || "
	    "at || '|' || who || '|' || system || '|' || ifnull(object, '-') "
	    "|| '|' || ifnull(field, '-') || '|' || ifnull(old_value, '-') || "
	    "'|' || ifnull(new_value, '-') || '|' || ifnull(source, '-') || "
	    "'|' || revision, char(10)) FROM (SELECT * FROM history "
	    "ORDER BY seq)";
	static const char *const ids[] = {
		"m-input-guardrails", "m-authorise-outside-model",
		"m-least-privilege-tools", "m-llm-red-team",
		"m-input-monitoring"
	};
	struct fixture		*fx = *state;
	struct risk_register	 reg;
	struct component	*c;
	struct change		*v;
	struct model		*m, *r;
	struct store		*s;
	struct error		 e;
	struct risk		*k;
	raw_db			*db;
	char			*before, *after;
	size_t			 n, i;

	db = raw_fixture(fx->db, "schema-3.sql");
	assert_int_equal(raw_count(db, "PRAGMA user_version"), 3);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM "
	    "risk_mitigations"), 54);
	/* A field in text that the packing must escape. */
	raw_exec(db, "INSERT INTO fields VALUES ('support-assistant', "
	    "'customer', 'description', 'two' || char(10) || "
	    "'lines, \\ and \\n = not one')");
	before = raw_text(db, all);
	raw_close(db);

	store_close(open_ok(fx->db, 0));
	db = raw_open(fx->db);
	assert_int_equal(raw_count(db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	after = raw_text(db, all);
	assert_string_equal(before, after);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM history"), 133);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM history "
	    "WHERE was IS NOT NULL"), 0);
	/* Only the two mitigations someone decided on are rows. */
	assert_int_equal(raw_count(db, "SELECT count(*) FROM "
	    "risk_mitigations"), 2);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM risk_mitigations "
	    "WHERE status = 'proposed'"), 0);
	/* An object's fields are its row's; the system's stay rows. */
	assert_int_equal(raw_count(db, "SELECT count(*) FROM fields "
	    "WHERE object <> ''"), 0);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM objects "
	    "WHERE fields IS NULL"), 0);
	raw_close(db);
	free(before);
	free(after);

	/* The decisions read as they were made, in the same order. */
	s = open_ok(fx->db, 0);
	risk_register_init(&reg);
	assert_int_equal(store_load_risks(s, "support-assistant", &reg, &e),
	    0);
	k = risk_register_find(&reg, "llm-direct-prompt-injection", "gpt");
	assert_non_null(k);
	assert_int_equal(k->status, RISK_MITIGATING);
	assert_string_equal(k->owner, "Bob");
	assert_int_equal(k->nmitigations, 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(k->mitigations[i].id, ids[i]);
	assert_int_equal(k->mitigations[0].status, MIT_IMPLEMENTED);
	assert_string_equal(k->mitigations[0].owner, "Bob");
	assert_string_equal(k->mitigations[0].due, "2026-11-01");
	for (i = 1; i < 4; i++) {
		assert_int_equal(k->mitigations[i].status, MIT_PROPOSED);
		assert_null(k->mitigations[i].owner);
		assert_null(k->mitigations[i].due);
		assert_null(k->mitigations[i].notes);
	}
	assert_int_equal(k->mitigations[4].status, MIT_PLANNED);
	assert_string_equal(k->mitigations[4].notes, "Q4, with the SOC");
	risk_register_release(&reg);

	/* 3: the tool and its flow, deleted in 4 by entries of schema 3. */
	risk_register_init(&reg);
	r = store_load_revision(s, NULL, 3, &reg, &e);
	if (r == NULL)
		fail_msg("revision 3: %s", e.msg);
	c = model_component(r, "tickets");
	assert_non_null(c);
	assert_string_equal(c->name, "Ticket tool");
	assert_string_equal(c->boundary, "cloud");
	assert_int_equal(c->can_act, TRI_YES);
	assert_non_null(model_find(r, "open-ticket"));
	model_free(r);
	risk_register_release(&reg);

	/* Changes after the migration take the new shape. */
	m = store_load(s, NULL, &e);
	assert_non_null(m);
	assert_int_equal(m->revision, 5);
	assert_string_equal(model_component(m, "customer")->description,
	    "two\nlines, \\ and \\n = not one");
	assert_string_equal(model_component(m, "gpt")->name, "Hosted LLM");
	assert_string_equal(model_component(m, "gpt")->boundary, "cloud");
	assert_string_equal(model_component(m, "backend")->name,
	    "Chat backend");
	assert_int_equal(model_remove(m, "kb"), 0);	/* and retrieve */
	c = model_add_component(m, "faq", KIND_DATASTORE);
	set(c, OBJ_COMPONENT, "name", "FAQ");
	set(c, OBJ_COMPONENT, "boundary", "cloud");
	assert_int_equal(store_save(s, m, 5, NULL, &e), 0);
	assert_int_equal(m->revision, 6);
	assert_int_equal(store_history(s, NULL, NULL, &v, &n, &e), 0);
	assert_int_equal(n, 136);
	assert_string_equal(v[133].object, "kb");
	assert_string_equal(v[133].field, "deleted");
	assert_string_equal(v[134].object, "retrieve");
	assert_string_equal(v[134].field, "deleted");
	assert_string_equal(v[135].object, "faq");
	assert_string_equal(v[135].field, "created");
	changes_free(v, n);
	risk_register_init(&reg);
	r = store_load_revision(s, NULL, 5, &reg, &e);
	assert_non_null(r);
	assert_string_equal(model_component(r, "kb")->name, "Help index");
	assert_int_equal(model_component(r, "kb")->origin, ORIGIN_SCRAPED);
	assert_null(model_find(r, "faq"));
	model_free(r);
	risk_register_release(&reg);
	model_free(m);
	store_close(s);
}

/*
 * Schema 5: a database of schema 4 whose risks do not all say whether they
 * rest on an assumption (a merge before its sync left the column empty)
 * is filled from the reasons, and the organisation's register, which now
 * reads only that column, counts those risks to confirm as before.
 */
static void
test_migrate_schema_4_assumed(void **state)
{
	static const char *const assumed_by_reasons = "SELECT count(*) FROM "
	    "risks WHERE applies = 1 AND status IN ('open', 'mitigating') AND "
	    "(substr(reasons, 1, 9) = 'assumed: ' OR "
	    "instr(reasons, char(10) || 'assumed: ') > 0)";
	struct fixture		*fx = *state;
	struct org_filter	 f;
	struct org_system	*v = NULL;
	struct error		 e;
	struct store		*s;
	raw_db			*db;
	size_t			 n = 0, i, confirm = 0, want;

	db = raw_fixture(fx->db, "schema-3.sql");
	raw_close(db);
	store_close(open_ok(fx->db, 0));
	/* Back to schema 4, with the column empty. */
	db = raw_open(fx->db);
	raw_exec(db, SCHEMA_10_UNDONE "DROP INDEX risks_order; "
	    "DROP INDEX risks_gone; DROP INDEX risks_unsure; "
	    "DROP TABLE open_questions; "
	    "DROP TABLE open_questions_at; "
	    "DROP TRIGGER risk_counts_insert; "
	    "DROP TRIGGER risk_counts_delete; DROP TRIGGER risk_counts_update; "
	    "DROP TRIGGER mitigation_risk_insert; "
	    "DROP TRIGGER mitigation_risk_move; "
	    "DROP TRIGGER risk_mitigations_insert; "
	    "DROP TRIGGER risk_mitigations_update; "
	    "DROP TABLE risk_counts; DROP INDEX risks_review; "
	    "DROP INDEX mitigations_due; "
	    "ALTER TABLE risk_mitigations DROP COLUMN risk_severity; "
	    "ALTER TABLE risk_mitigations DROP COLUMN risk_status; "
	    "ALTER TABLE risk_mitigations DROP COLUMN risk_applies; "
	    "ALTER TABLE risk_mitigations DROP COLUMN risk_owner; "
	    "ALTER TABLE risk_mitigations DROP COLUMN risk_title; "
	    "UPDATE risks SET assumed = NULL; PRAGMA user_version = 4");
	want = (size_t)raw_count(db, assumed_by_reasons);
	assert_true(want > 0);
	raw_close(db);

	s = open_ok(fx->db, 0);
	db = raw_open(fx->db);
	assert_assumed_set(db);
	/*
	 * Schema 8: the risks that no longer apply have their index; schema
	 * 10: the unset ones no longer exist, nor their index.
	 */
	assert_int_equal(raw_count(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'risks_gone'"), 1);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'risks_unsure'"), 0);
	raw_close(db);
	memset(&f, 0, sizeof f);
	f.status = -1;
	f.today = "2026-11-25";
	f.review_days = ORG_REVIEW_DAYS;
	if (store_register(s, &f, &v, &n, &e) == -1)
		fail_msg("register: %s", e.msg);
	for (i = 0; i < n; i++)
		confirm += v[i].to_confirm;
	assert_int_equal(confirm, want);
	store_register_free(v, n);
	store_close(s);
}
#endif

#ifndef TEST_PG
/*
 * Schema 9: a database of schema 8 gets the index of the risks in the
 * screens' order, and nothing else changes: every risk, decision,
 * mitigation row and history entry is kept, and the register read a
 * slice at a time is the whole register.
 */
static void
test_migrate_schema_8_order(void **state)
{
	static const char *const counts[] = {
		"SELECT count(*) FROM risks",
		"SELECT count(*) FROM risks WHERE status <> 'open'",
		"SELECT count(*) FROM risk_mitigations",
		"SELECT count(*) FROM history",
		"SELECT count(*) FROM models",
	};
	struct fixture		*fx = *state;
	struct risk_register	 whole, got;
	struct store_risk_slice	 sl;
	struct store		*s;
	struct error		 e;
	raw_db			*db;
	long			 before[5];
	size_t			 i;
	const char		*system;

	db = raw_fixture(fx->db, "schema-3.sql");
	raw_close(db);
	store_close(open_ok(fx->db, 0));
	/* Back to schema 8. */
	db = raw_open(fx->db);
	raw_exec(db, SCHEMA_10_UNDONE "DROP INDEX risks_order; "
	    "PRAGMA user_version = 8");
	for (i = 0; i < 5; i++)
		before[i] = raw_count(db, counts[i]);
	assert_true(before[0] > 0 && before[1] > 0 && before[2] > 0);
	raw_close(db);

	s = open_ok(fx->db, 0);
	db = raw_open(fx->db);
	assert_int_equal(raw_count(db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'risks_order'"), 1);
	for (i = 0; i < 5; i++)
		assert_int_equal(raw_count(db, counts[i]), before[i]);
	raw_close(db);
	/* The fixture's model with risks, read whole and in slices of 3. */
	system = "support-assistant";
	risk_register_init(&whole);
	assert_int_equal(store_load_risks(s, system, &whole, &e), 0);
	risk_register_init(&got);
	store_risk_slice_init(&sl);
	while (store_risk_slice_next(s, system, &sl, 3, &got, &e) > 0)
		;
	assert_true(sl.done);
	assert_int_equal(got.n, whole.n);
	for (i = 0; i < whole.n; i++)
		assert_non_null(risk_register_find(&got,
		    whole.risks[i]->threat, whole.risks[i]->target));
	store_risk_slice_release(&sl);
	risk_register_release(&got);
	risk_register_release(&whole);
	store_close(s);
}

/*
 * A new database is made at the latest schema at once, not by running
 * every migration in turn: it must be the file that the migrations make
 * of the first schema's (tests/data/store/schema-1.sql), its tables,
 * columns, indexes and triggers (text and order, the order in which
 * triggers on one table fire) and its pragmas.
 */
static void
test_new_database_is_migrated_one(void **state)
{
	static const char *const schema = "SELECT group_concat(type || '|' "
	    "|| name || '|' || tbl_name || '|' || ifnull(sql, '-'), char(10)) "
	    "FROM (SELECT * FROM sqlite_master ORDER BY rowid)";
	static const char *const pragmas[] = { "PRAGMA user_version",
	    "PRAGMA application_id", "PRAGMA journal_mode", "PRAGMA encoding",
	    "PRAGMA auto_vacuum", "PRAGMA page_size", NULL };
	struct fixture	*fx = *state;
	struct store	*s;
	raw_db		*db;
	char		*path, *migrated, *made, *a, *b;
	size_t		 i;

	db = raw_fixture(fx->db, "schema-1.sql");
	assert_int_equal(raw_count(db, "PRAGMA user_version"), 1);
	raw_close(db);
	s = open_ok(fx->db, STORE_CREATE);
	store_close(s);
	path = xasprintf("%s/new.db", fx->dir);
	s = open_ok(path, STORE_CREATE);
	store_close(s);

	db = raw_open(fx->db);
	migrated = raw_text(db, schema);
	raw_close(db);
	db = raw_open(path);
	made = raw_text(db, schema);
	raw_close(db);
	assert_non_null(strstr(made, "index|risks_order|risks|"));
	assert_non_null(strstr(made, "index|objects_by_type|objects|"));
	assert_string_equal(made, migrated);
	for (i = 0; pragmas[i] != NULL; i++) {
		db = raw_open(fx->db);
		a = raw_text(db, pragmas[i]);
		raw_close(db);
		db = raw_open(path);
		b = raw_text(db, pragmas[i]);
		raw_close(db);
		if (strcmp(a, b) != 0)
			fail_msg("%s: migrated %s, new %s", pragmas[i], a, b);
		free(a);
		free(b);
	}
	db = raw_open(path);
	assert_int_equal(raw_count(db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	raw_close(db);
	free(migrated);
	free(made);
	free(path);
}
#endif

#ifdef TEST_PG
/*
 * A second writer, forked before the test allocates anything (see
 * locker_fork()): when told, it loads the model "assist", renames its
 * first component and saves it on the revision it read; it sends what
 * came of that ("saved", or the error) and exits.
 */
struct saver {
	pid_t	pid;
	int	start;		/* write: load and save now */
	int	result;		/* read: what came of it */
};

static void
saver_fork(struct saver *sv, const char *path)
{
	int	start[2], result[2];
	char	c = 0;

	assert_int_equal(pipe(start), 0);
	assert_int_equal(pipe(result), 0);
	if ((sv->pid = fork()) == 0) {
		struct store	*s;
		struct model	*m;
		struct error	 e;
		const char	*msg = "saved";
		int		 changed;

		close(start[1]);
		close(result[0]);
		if (read(start[0], &c, 1) != 1)
			_exit(1);
		if ((s = store_open(path, 0, &e)) == NULL)
			_exit(1);
		if ((m = store_load(s, "assist", &e)) == NULL)
			_exit(1);
		free(m->components[0]->name);
		m->components[0]->name = xstrdup("Child");
		if (store_save(s, m, m->revision, &changed, &e) == -1)
			msg = e.msg;
		if (write(result[1], msg, strlen(msg)) == -1)
			_exit(1);
		model_free(m);
		store_close(s);
		_exit(0);
	}
	assert_true(sv->pid > 0);
	close(start[0]);
	close(result[1]);
	sv->start = start[1];
	sv->result = result[0];
}

/*
 * Writers of different systems of one register do not wait for each
 * other; writers of the same system do, one after the other, and the
 * later one, based on the revision before, is refused as stale, with
 * nothing of it written and nothing of the first lost.
 */
static void
test_writers_wait_per_system(void **state)
{
	struct fixture	*fx = *state;
	struct saver	 sv;
	struct model	*m, *o, *back;
	struct store	*s, *t;
	struct error	 e;
	raw_db		*db;
	time_t		 t0;
	char		 got[512], *msg;
	ssize_t		 n;
	int		 changed, i, status;

	saver_fork(&sv, fx->db);
	m = rich_model("assist");
	o = rich_model("other");
	s = store_with(fx->db, m);
	assert_int_equal(store_save(s, o, 0, &changed, &e), 0);

	/* One writer of "assist" holds its transaction open. */
	assert_int_equal(store_transaction(s, &e), 0);
	set(m->components[0], OBJ_COMPONENT, "name", "Parent");
	assert_int_equal(store_save(s, m, 1, &changed, &e), 0);

	/* Another of "other" meanwhile: done at once, not busy. */
	t = open_ok(fx->db, 0);
	set(o->components[0], OBJ_COMPONENT, "name", "Elsewhere");
	t0 = time(NULL);
	if (store_save(t, o, 1, &changed, &e) == -1)
		fail_msg("a writer of another system: %s", e.msg);
	assert_true(time(NULL) - t0 < 2);	/* lock_timeout */
	assert_int_equal(o->revision, 2);
	/* One of "assist" waits, and gives up busy after the timeout. */
	back = store_load(t, "assist", &e);
	assert_non_null(back);
	set(back->components[0], OBJ_COMPONENT, "name", "Late");
	assert_int_equal(store_save(t, back, 1, &changed, &e), -1);
	msg = xasprintf("database '%s' is busy (locked by another process)",
	    fx->db);
	assert_string_equal(e.msg, msg);
	free(msg);

	/* A second writer of "assist" waits (the server says so)... */
	db = raw_open(fx->db);
	assert_int_equal(write(sv.start, "x", 1), 1);
	for (i = 0; i < 150 && raw_count(db, "SELECT count(*) FROM pg_locks "
	    "WHERE locktype = 'advisory' AND NOT granted") == 0; i++)
		usleep(10000);
	assert_true(i < 150);
	/* ...until the first commits, then finds its revision stale. */
	assert_int_equal(store_transaction_commit(s, &e), 0);
	n = read(sv.result, got, sizeof got - 1);
	assert_true(n > 0);
	got[n] = '\0';
	assert_string_equal(got, "model 'assist' was changed by someone "
	    "else (revision 2, expected 1); reload it");
	assert_int_equal(waitpid(sv.pid, &status, 0), sv.pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(sv.start);
	close(sv.result);

	model_free(back);
	back = store_load(t, "assist", &e);
	assert_non_null(back);
	assert_string_equal(back->components[0]->name, "Parent");
	assert_int_equal(back->revision, 2);
	/* The one that gave up can change it now, on the new revision. */
	set(back->components[0], OBJ_COMPONENT, "name", "Late");
	if (store_save(t, back, 2, &changed, &e) == -1)
		fail_msg("after busy: %s", e.msg);
	assert_int_equal(back->revision, 3);
	model_free(back);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM history "
	    "WHERE new_value = 'Parent'"), 1);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM history "
	    "WHERE new_value = 'Child'"), 0);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM history "
	    "WHERE new_value = 'Elsewhere'"), 1);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM history "
	    "WHERE new_value = 'Late'"), 1);
	raw_close(db);
	store_close(t);
	store_close(s);
	model_free(o);
	model_free(m);
}
#endif

int
main(void)
{
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_round_trip_every_field),
#ifndef TEST_PG
		T(test_new_file_is_private),
		T(test_missing_file_is_not_created),
#endif
		T(test_update_records_history),
		T(test_no_change_writes_nothing),
		T(test_type_change_and_order),
		T(test_stale_revision_is_refused),
#ifndef TEST_PG
		T(test_history_is_append_only),
		T(test_text_file_is_refused_untouched),
		T(test_foreign_sqlite_is_refused_untouched),
		T(test_newer_schema_is_refused_untouched),
		T(test_corrupt_file_gives_clear_error),
		T(test_locked_database_is_busy),
		T(test_full_disk_keeps_previous_model),
#endif
		T(test_sync_keeps_decisions),
		T(test_sync_stores_only_information),
		T(test_sync_empty_register),
		T(test_risk_states_say_what_was_decided),
		T(test_risk_cursor_is_register_order),
		T(test_risk_slices_are_screen_order),
		T(test_risk_tally_counts_as_the_screen_filters),
		T(test_stream_exports_what_load_does),
		T(test_stream_yaml_exports_what_load_does),
		T(test_transaction_all_or_nothing),
		T(test_largest_revision_refused),
		T(test_decisions_are_checked),
		T(test_mitigation_is_checked),
		T(test_list_counts),
		T(test_delete_keeps_history),
		T(test_import_full_appends_history),
		T(test_mark_sees_every_change),
		T(test_read_only_store),
		T(test_revisions_rebuild),
		T(test_deleted_object_rebuilt),
		T(test_decision_does_not_conflict),
		T(test_load_head_then_rest),
		T(test_objects_in_slices),
		T(test_decision_on_stale_view_refused),
		T(test_unknown_field_kept),
		T(test_object_field_rows_load),
		T(test_object_field_row_is_compared),
		T(test_objects_load_in_position_order),
#ifdef TEST_PG
		T(test_writers_wait_per_system),
#endif
#ifndef TEST_PG
		T(test_migrate_schema_2),
		T(test_migrate_schema_3),
		T(test_migrate_schema_4_assumed),
		T(test_migrate_schema_9_assumed),
		T(test_migrate_schema_8_order),
		T(test_new_database_is_migrated_one),
#endif
	};

#ifdef TEST_PG
	if ((pg_server = getenv("PARAPET_TEST_PG")) == NULL ||
	    *pg_server == '\0') {
		/* The tests run under the TAP driver: a plan of none. */
		printf("1..0 # SKIP no PostgreSQL server (PARAPET_TEST_PG is "
		    "not set; scripts/pg-cluster.sh starts one)\n");
		return 0;
	}
#endif
	return cmocka_run_group_tests(tests, NULL, NULL);
}
