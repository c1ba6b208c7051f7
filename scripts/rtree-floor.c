/*
 * What SQLite alone costs the locator: k = 10 best-first over the station R*Tree, from C, with the
 * same scoring as NearestNeighbours.swift (squared chord from the query point to each cell's box,
 * without its pruning), on a database made by `gangwan-bench`. No Swift, no GRDB, no decoding.
 *
 *   cc -O2 -o /tmp/rtree-floor scripts/rtree-floor.c -lsqlite3 -lm
 *   /tmp/rtree-floor bench-data/bench-1000000.sqlite 0 20000   # the walk alone, ids
 *   /tmp/rtree-floor bench-data/bench-1000000.sqlite 1 20000   # with the join to station rows (lat, lon)
 *   /tmp/rtree-floor bench-data/bench-1000000.sqlite 2 20000   # with the join, every column read as text
 *   /tmp/rtree-floor bench-data/bench-1000000.sqlite 3 20000   # no tree: 10 station rows (lat, lon) at random seq
 *
 * Prints the median and p99 of reading the first 12 rows, over seeded random points in a box over
 * western and central China, and how many R*Tree cells the callback scored per query; variant 3, of reading ten rows picked at random, what the answers'
 * rows would cost if nothing placed them near each other.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Cells the callback scored, over all queries: how much of the tree a query looks at. */
static long cells_scored;

static int score(sqlite3_rtree_query_info *info) {
    cells_scored++;
    const double *point = info->aParam, *box = info->aCoord;
    double sum = 0;
    for (int axis = 0; axis < 3; axis++) {
        double gap = fmax(fmax(box[2 * axis] - point[axis], point[axis] - box[2 * axis + 1]), 0);
        sum += gap * gap;
    }
    info->rScore = sum;
    info->eWithin = PARTLY_WITHIN;
    return SQLITE_OK;
}

static int ascending(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s DATABASE VARIANT(0-3) QUERIES\n", argv[0]);
        return 64;
    }
    static const char *sql[] = {
        "SELECT r.id FROM station_rtree r WHERE r.id MATCH knn(?, ?, ?)",
        "SELECT s.lat, s.lon FROM station_rtree r JOIN station s ON s.seq = r.id WHERE r.id MATCH knn(?, ?, ?)",
        "SELECT s.* FROM station_rtree r JOIN station s ON s.seq = r.id WHERE r.id MATCH knn(?, ?, ?)",
        "SELECT lat, lon FROM station WHERE seq = ?",
    };
    int variant = atoi(argv[2]), queries = atoi(argv[3]);
    if (variant < 0 || variant > 3 || queries < 1) return 64;
    sqlite3 *db;
    sqlite3_stmt *statement;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(db));
        return 66;
    }
    sqlite3_exec(db, "PRAGMA mmap_size = 2147418112; PRAGMA cache_size = -131072", NULL, NULL, NULL);
    sqlite3_rtree_query_callback(db, "knn", score, NULL, NULL);
    if (sqlite3_prepare_v2(db, sql[variant], -1, &statement, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(db));
        return 65;
    }
    double *times = malloc(sizeof(double) * queries);
    srand(7);
    for (int i = 0; i < queries; i++) {
        double lat = (22 + rand() % 2800 / 100.0) * M_PI / 180, lon = (100 + rand() % 2000 / 100.0) * M_PI / 180;
        double start = now();
        if (variant == 3) {
            for (int rows = 0; rows < 10; rows++) {
                sqlite3_bind_int64(statement, 1, 1 + rand() % 1000000);
                if (sqlite3_step(statement) == SQLITE_ROW) sqlite3_column_double(statement, 0);
                sqlite3_reset(statement);
            }
            times[i] = now() - start;
            continue;
        }
        sqlite3_bind_double(statement, 1, cos(lat) * cos(lon));
        sqlite3_bind_double(statement, 2, cos(lat) * sin(lon));
        sqlite3_bind_double(statement, 3, sin(lat));
        for (int rows = 0; rows < 12 && sqlite3_step(statement) == SQLITE_ROW; rows++) {
            for (int column = 0; column < sqlite3_column_count(statement); column++) sqlite3_column_text(statement, column);
        }
        sqlite3_reset(statement);
        times[i] = now() - start;
    }
    qsort(times, queries, sizeof(double), ascending);
    printf("variant %d: median %.1f µs, p99 %.1f µs over %d queries, %.1f cells scored per query\n", variant,
           times[queries / 2] * 1e6, times[queries * 99 / 100] * 1e6, queries, (double)cells_scored / queries);
    return 0;
}
