BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'wlitracker','0001_initial_schema','2026-11-23 12:25:54.609992+00:00');
CREATE TABLE adherence (
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    date TEXT NOT NULL REFERENCES check_ins(date) ON DELETE CASCADE,
    mark TEXT NOT NULL CHECK (mark IN ('done', 'partly', 'not_done', 'not_scheduled')),
    PRIMARY KEY (experiment_id, date)
) WITHOUT ROWID;
INSERT INTO "adherence" VALUES(1,'2026-02-15','done');
INSERT INTO "adherence" VALUES(1,'2026-02-16','done');
INSERT INTO "adherence" VALUES(1,'2026-02-19','done');
INSERT INTO "adherence" VALUES(1,'2026-02-20','done');
INSERT INTO "adherence" VALUES(1,'2026-02-21','not_scheduled');
INSERT INTO "adherence" VALUES(1,'2026-02-22','not_scheduled');
INSERT INTO "adherence" VALUES(1,'2026-02-23','not_scheduled');
INSERT INTO "adherence" VALUES(1,'2026-02-24','not_scheduled');
INSERT INTO "adherence" VALUES(1,'2026-02-25','not_scheduled');
INSERT INTO "adherence" VALUES(1,'2026-02-26','not_scheduled');
INSERT INTO "adherence" VALUES(1,'2026-02-27','done');
INSERT INTO "adherence" VALUES(1,'2026-02-28','done');
INSERT INTO "adherence" VALUES(1,'2026-03-01','done');
INSERT INTO "adherence" VALUES(1,'2026-03-02','done');
INSERT INTO "adherence" VALUES(1,'2026-03-03','done');
INSERT INTO "adherence" VALUES(1,'2026-03-04','done');
INSERT INTO "adherence" VALUES(2,'2026-03-04','not_scheduled');
INSERT INTO "adherence" VALUES(2,'2026-03-05','not_scheduled');
INSERT INTO "adherence" VALUES(2,'2026-03-07','not_scheduled');
INSERT INTO "adherence" VALUES(2,'2026-03-08','not_scheduled');
INSERT INTO "adherence" VALUES(2,'2026-03-09','not_scheduled');
INSERT INTO "adherence" VALUES(2,'2026-03-10','not_scheduled');
INSERT INTO "adherence" VALUES(2,'2026-03-11','done');
INSERT INTO "adherence" VALUES(2,'2026-03-12','not_done');
INSERT INTO "adherence" VALUES(2,'2026-03-13','not_done');
INSERT INTO "adherence" VALUES(2,'2026-03-14','done');
INSERT INTO "adherence" VALUES(2,'2026-03-15','done');
INSERT INTO "adherence" VALUES(2,'2026-03-16','partly');
INSERT INTO "adherence" VALUES(3,'2026-03-13','not_scheduled');
INSERT INTO "adherence" VALUES(3,'2026-03-14','not_scheduled');
INSERT INTO "adherence" VALUES(3,'2026-03-15','not_scheduled');
INSERT INTO "adherence" VALUES(3,'2026-03-16','not_scheduled');
CREATE TABLE check_in_tags (
    date TEXT NOT NULL REFERENCES check_ins(date) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (date, tag)
) WITHOUT ROWID;
INSERT INTO "check_in_tags" VALUES('2026-02-19',0,'friends');
INSERT INTO "check_in_tags" VALUES('2026-02-21',1,'home office');
INSERT INTO "check_in_tags" VALUES('2026-02-21',0,'travel');
INSERT INTO "check_in_tags" VALUES('2026-02-22',0,'late meeting');
INSERT INTO "check_in_tags" VALUES('2026-02-24',0,'home office');
INSERT INTO "check_in_tags" VALUES('2026-02-25',0,'deadline');
INSERT INTO "check_in_tags" VALUES('2026-02-25',1,'late meeting');
INSERT INTO "check_in_tags" VALUES('2026-02-26',1,'gym');
INSERT INTO "check_in_tags" VALUES('2026-02-26',0,'travel');
INSERT INTO "check_in_tags" VALUES('2026-02-27',0,'late meeting');
INSERT INTO "check_in_tags" VALUES('2026-03-01',0,'gym');
INSERT INTO "check_in_tags" VALUES('2026-03-02',0,'late meeting');
INSERT INTO "check_in_tags" VALUES('2026-03-04',0,'friends');
INSERT INTO "check_in_tags" VALUES('2026-03-05',0,'home office');
INSERT INTO "check_in_tags" VALUES('2026-03-09',0,'friends');
INSERT INTO "check_in_tags" VALUES('2026-03-11',1,'friends');
INSERT INTO "check_in_tags" VALUES('2026-03-11',0,'late meeting');
INSERT INTO "check_in_tags" VALUES('2026-03-12',0,'deadline');
INSERT INTO "check_in_tags" VALUES('2026-03-14',1,'friends');
INSERT INTO "check_in_tags" VALUES('2026-03-14',0,'gym');
INSERT INTO "check_in_tags" VALUES('2026-03-15',1,'family dinner');
INSERT INTO "check_in_tags" VALUES('2026-03-15',0,'home office');
CREATE TABLE check_ins (
    date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note TEXT NOT NULL DEFAULT '',
    unusual TEXT,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO "check_ins" VALUES('2026-02-15','',NULL,'2026-11-23T12:25:54.638Z');
INSERT INTO "check_ins" VALUES('2026-02-16','',NULL,'2026-11-23T12:25:54.639Z');
INSERT INTO "check_ins" VALUES('2026-02-19','',NULL,'2026-11-23T12:25:54.645Z');
INSERT INTO "check_ins" VALUES('2026-02-20','',NULL,'2026-11-23T12:25:54.649Z');
INSERT INTO "check_ins" VALUES('2026-02-21','',NULL,'2026-11-23T12:25:54.650Z');
INSERT INTO "check_ins" VALUES('2026-02-22','',NULL,'2026-11-23T12:25:54.651Z');
INSERT INTO "check_ins" VALUES('2026-02-23','',NULL,'2026-11-23T12:25:54.652Z');
INSERT INTO "check_ins" VALUES('2026-02-24','Evening felt like mine.',NULL,'2026-11-23T12:25:54.657Z');
INSERT INTO "check_ins" VALUES('2026-02-25','',NULL,'2026-11-23T12:25:54.658Z');
INSERT INTO "check_ins" VALUES('2026-02-26','',NULL,'2026-11-23T12:25:54.659Z');
INSERT INTO "check_ins" VALUES('2026-02-27','',NULL,'2026-11-23T12:25:54.665Z');
INSERT INTO "check_ins" VALUES('2026-02-28','',NULL,'2026-11-23T12:25:54.666Z');
INSERT INTO "check_ins" VALUES('2026-03-01','',NULL,'2026-11-23T12:25:54.667Z');
INSERT INTO "check_ins" VALUES('2026-03-02','',NULL,'2026-11-23T12:25:54.672Z');
INSERT INTO "check_ins" VALUES('2026-03-03','',NULL,'2026-11-23T12:25:54.674Z');
INSERT INTO "check_ins" VALUES('2026-03-04','',NULL,'2026-11-23T12:25:54.675Z');
INSERT INTO "check_ins" VALUES('2026-03-05','',NULL,'2026-11-23T12:25:54.680Z');
INSERT INTO "check_ins" VALUES('2026-03-07','',NULL,'2026-11-23T12:25:54.682Z');
INSERT INTO "check_ins" VALUES('2026-03-08','',NULL,'2026-11-23T12:25:54.683Z');
INSERT INTO "check_ins" VALUES('2026-03-09','',NULL,'2026-11-23T12:25:54.684Z');
INSERT INTO "check_ins" VALUES('2026-03-10','Great walk at noon, clear head afterwards.',NULL,'2026-11-23T12:25:54.690Z');
INSERT INTO "check_ins" VALUES('2026-03-11','',NULL,'2026-11-23T12:25:54.691Z');
INSERT INTO "check_ins" VALUES('2026-03-12','',NULL,'2026-11-23T12:25:54.696Z');
INSERT INTO "check_ins" VALUES('2026-03-13','',NULL,'2026-11-23T12:25:54.698Z');
INSERT INTO "check_ins" VALUES('2026-03-14','Skipped lunch again.',NULL,'2026-11-23T12:25:54.699Z');
INSERT INTO "check_ins" VALUES('2026-03-15','Kids were sick; worked from the couch.',NULL,'2026-11-23T12:25:54.705Z');
INSERT INTO "check_ins" VALUES('2026-03-16','',NULL,'2026-11-23T12:25:54.707Z');
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('persist', 'adjust', 'switch', 'stop')),
    reason TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    new_experiment_id INTEGER REFERENCES experiments(id)
);
CREATE TABLE experiment_phases (
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('baseline', 'trial')),
    days INTEGER NOT NULL CHECK (days > 0),
    PRIMARY KEY (experiment_id, position)
) WITHOUT ROWID;
INSERT INTO "experiment_phases" VALUES(1,0,'baseline',6);
INSERT INTO "experiment_phases" VALUES(1,1,'trial',6);
INSERT INTO "experiment_phases" VALUES(1,2,'baseline',6);
INSERT INTO "experiment_phases" VALUES(1,3,'trial',6);
INSERT INTO "experiment_phases" VALUES(2,0,'baseline',7);
INSERT INTO "experiment_phases" VALUES(2,1,'trial',14);
INSERT INTO "experiment_phases" VALUES(3,0,'baseline',7);
INSERT INTO "experiment_phases" VALUES(3,1,'trial',7);
INSERT INTO "experiment_phases" VALUES(3,2,'baseline',7);
INSERT INTO "experiment_phases" VALUES(3,3,'trial',7);
INSERT INTO "experiment_phases" VALUES(4,0,'baseline',14);
INSERT INTO "experiment_phases" VALUES(4,1,'trial',14);
CREATE TABLE experiment_targets (
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    metric_id INTEGER NOT NULL REFERENCES metrics(id),
    better TEXT NOT NULL CHECK (better IN ('higher', 'lower')),
    PRIMARY KEY (experiment_id, metric_id)
) WITHOUT ROWID;
INSERT INTO "experiment_targets" VALUES(1,0,1,'higher');
INSERT INTO "experiment_targets" VALUES(1,1,2,'lower');
INSERT INTO "experiment_targets" VALUES(2,0,1,'higher');
INSERT INTO "experiment_targets" VALUES(3,0,1,'higher');
INSERT INTO "experiment_targets" VALUES(4,0,1,'higher');
INSERT INTO "experiment_targets" VALUES(4,1,2,'lower');
CREATE TABLE experiments (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    intention TEXT NOT NULL DEFAULT '',
    shift TEXT NOT NULL DEFAULT '',
    hypothesis TEXT NOT NULL DEFAULT '',
    domains TEXT NOT NULL DEFAULT '[]',
    template TEXT,
    parent_id INTEGER REFERENCES experiments(id),
    version INTEGER NOT NULL DEFAULT 1,
    start_date TEXT,
    created_on TEXT
);
INSERT INTO "experiments" VALUES(1,'Short breaks through the day','Self-care during the day','Take a five-minute break away from the screen every 90 minutes.','I will end the day less drained and more satisfied.','["health", "work"]','short-breaks',NULL,1,'2026-02-09','2026-02-07');
INSERT INTO "experiments" VALUES(2,'Protect your most productive hours','More time for creative projects','Block my most productive hours for deep work: no meetings, no chat.','I will finish more of what matters and feel more satisfied.','["work", "personal growth"]','protect-deep-work',NULL,1,'2026-03-04','2026-03-02');
INSERT INTO "experiments" VALUES(3,'Last meeting by phone on the way home','More time with family','Take the last meeting of the day by phone while commuting.','I will get home earlier and feel more satisfied with my day.','["work", "family"]','commute-call',NULL,1,'2026-03-13','2026-03-11');
INSERT INTO "experiments" VALUES(4,'A two-week trial run of flexible hours','Blending work and family on purpose','Propose and run a two-week trial of flexible hours with my manager.','Flexible hours will raise my satisfaction without raising my guilt.','["work", "family", "health"]','flexible-hours-trial',NULL,1,'2026-03-23','2026-03-16');
CREATE TABLE metrics (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    min_value INTEGER NOT NULL,
    max_value INTEGER NOT NULL CHECK (max_value > min_value),
    better TEXT NOT NULL CHECK (better IN ('higher', 'lower')),
    builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
INSERT INTO "metrics" VALUES(1,'satisfaction',0,10,'higher',1,0);
INSERT INTO "metrics" VALUES(2,'guilt',0,10,'lower',1,0);
INSERT INTO "metrics" VALUES(3,'energy',0,10,'higher',0,0);
INSERT INTO "metrics" VALUES(4,'stress',0,10,'lower',0,0);
CREATE TABLE ratings (
    date TEXT NOT NULL REFERENCES check_ins(date) ON DELETE CASCADE,
    metric_id INTEGER NOT NULL REFERENCES metrics(id),
    value INTEGER NOT NULL,
    PRIMARY KEY (date, metric_id)
) WITHOUT ROWID;
INSERT INTO "ratings" VALUES('2026-02-15',1,9);
INSERT INTO "ratings" VALUES('2026-02-15',2,2);
INSERT INTO "ratings" VALUES('2026-02-15',3,6);
INSERT INTO "ratings" VALUES('2026-02-15',4,4);
INSERT INTO "ratings" VALUES('2026-02-16',1,6);
INSERT INTO "ratings" VALUES('2026-02-16',2,5);
INSERT INTO "ratings" VALUES('2026-02-16',3,6);
INSERT INTO "ratings" VALUES('2026-02-16',4,7);
INSERT INTO "ratings" VALUES('2026-02-19',1,8);
INSERT INTO "ratings" VALUES('2026-02-19',2,3);
INSERT INTO "ratings" VALUES('2026-02-19',3,8);
INSERT INTO "ratings" VALUES('2026-02-19',4,5);
INSERT INTO "ratings" VALUES('2026-02-20',1,7);
INSERT INTO "ratings" VALUES('2026-02-20',2,5);
INSERT INTO "ratings" VALUES('2026-02-20',3,7);
INSERT INTO "ratings" VALUES('2026-02-20',4,4);
INSERT INTO "ratings" VALUES('2026-02-21',1,5);
INSERT INTO "ratings" VALUES('2026-02-21',2,6);
INSERT INTO "ratings" VALUES('2026-02-21',3,7);
INSERT INTO "ratings" VALUES('2026-02-21',4,6);
INSERT INTO "ratings" VALUES('2026-02-22',1,7);
INSERT INTO "ratings" VALUES('2026-02-22',2,4);
INSERT INTO "ratings" VALUES('2026-02-22',3,5);
INSERT INTO "ratings" VALUES('2026-02-22',4,6);
INSERT INTO "ratings" VALUES('2026-02-23',1,7);
INSERT INTO "ratings" VALUES('2026-02-23',2,3);
INSERT INTO "ratings" VALUES('2026-02-23',3,8);
INSERT INTO "ratings" VALUES('2026-02-23',4,5);
INSERT INTO "ratings" VALUES('2026-02-24',1,5);
INSERT INTO "ratings" VALUES('2026-02-24',2,5);
INSERT INTO "ratings" VALUES('2026-02-24',3,5);
INSERT INTO "ratings" VALUES('2026-02-24',4,3);
INSERT INTO "ratings" VALUES('2026-02-25',1,6);
INSERT INTO "ratings" VALUES('2026-02-25',2,5);
INSERT INTO "ratings" VALUES('2026-02-25',3,5);
INSERT INTO "ratings" VALUES('2026-02-25',4,5);
INSERT INTO "ratings" VALUES('2026-02-26',1,4);
INSERT INTO "ratings" VALUES('2026-02-26',2,3);
INSERT INTO "ratings" VALUES('2026-02-26',3,7);
INSERT INTO "ratings" VALUES('2026-02-26',4,3);
INSERT INTO "ratings" VALUES('2026-02-27',1,6);
INSERT INTO "ratings" VALUES('2026-02-27',2,4);
INSERT INTO "ratings" VALUES('2026-02-27',3,7);
INSERT INTO "ratings" VALUES('2026-02-27',4,6);
INSERT INTO "ratings" VALUES('2026-02-28',1,7);
INSERT INTO "ratings" VALUES('2026-02-28',2,2);
INSERT INTO "ratings" VALUES('2026-02-28',3,7);
INSERT INTO "ratings" VALUES('2026-02-28',4,5);
INSERT INTO "ratings" VALUES('2026-03-01',1,8);
INSERT INTO "ratings" VALUES('2026-03-01',2,2);
INSERT INTO "ratings" VALUES('2026-03-01',4,4);
INSERT INTO "ratings" VALUES('2026-03-02',1,7);
INSERT INTO "ratings" VALUES('2026-03-02',2,5);
INSERT INTO "ratings" VALUES('2026-03-02',3,8);
INSERT INTO "ratings" VALUES('2026-03-02',4,5);
INSERT INTO "ratings" VALUES('2026-03-03',1,8);
INSERT INTO "ratings" VALUES('2026-03-03',2,4);
INSERT INTO "ratings" VALUES('2026-03-03',3,7);
INSERT INTO "ratings" VALUES('2026-03-03',4,6);
INSERT INTO "ratings" VALUES('2026-03-04',1,8);
INSERT INTO "ratings" VALUES('2026-03-04',2,4);
INSERT INTO "ratings" VALUES('2026-03-04',3,8);
INSERT INTO "ratings" VALUES('2026-03-04',4,5);
INSERT INTO "ratings" VALUES('2026-03-05',1,4);
INSERT INTO "ratings" VALUES('2026-03-05',2,3);
INSERT INTO "ratings" VALUES('2026-03-05',3,5);
INSERT INTO "ratings" VALUES('2026-03-05',4,4);
INSERT INTO "ratings" VALUES('2026-03-07',1,8);
INSERT INTO "ratings" VALUES('2026-03-07',2,3);
INSERT INTO "ratings" VALUES('2026-03-07',3,8);
INSERT INTO "ratings" VALUES('2026-03-07',4,4);
INSERT INTO "ratings" VALUES('2026-03-08',1,8);
INSERT INTO "ratings" VALUES('2026-03-08',2,4);
INSERT INTO "ratings" VALUES('2026-03-08',3,8);
INSERT INTO "ratings" VALUES('2026-03-08',4,3);
INSERT INTO "ratings" VALUES('2026-03-09',1,5);
INSERT INTO "ratings" VALUES('2026-03-09',2,3);
INSERT INTO "ratings" VALUES('2026-03-09',3,6);
INSERT INTO "ratings" VALUES('2026-03-09',4,5);
INSERT INTO "ratings" VALUES('2026-03-10',1,5);
INSERT INTO "ratings" VALUES('2026-03-10',2,4);
INSERT INTO "ratings" VALUES('2026-03-10',3,5);
INSERT INTO "ratings" VALUES('2026-03-10',4,7);
INSERT INTO "ratings" VALUES('2026-03-11',1,6);
INSERT INTO "ratings" VALUES('2026-03-11',2,4);
INSERT INTO "ratings" VALUES('2026-03-11',3,7);
INSERT INTO "ratings" VALUES('2026-03-11',4,6);
INSERT INTO "ratings" VALUES('2026-03-12',1,6);
INSERT INTO "ratings" VALUES('2026-03-12',2,5);
INSERT INTO "ratings" VALUES('2026-03-12',3,6);
INSERT INTO "ratings" VALUES('2026-03-12',4,4);
INSERT INTO "ratings" VALUES('2026-03-13',1,6);
INSERT INTO "ratings" VALUES('2026-03-13',2,3);
INSERT INTO "ratings" VALUES('2026-03-13',3,7);
INSERT INTO "ratings" VALUES('2026-03-13',4,5);
INSERT INTO "ratings" VALUES('2026-03-14',1,8);
INSERT INTO "ratings" VALUES('2026-03-14',2,4);
INSERT INTO "ratings" VALUES('2026-03-14',4,4);
INSERT INTO "ratings" VALUES('2026-03-15',1,7);
INSERT INTO "ratings" VALUES('2026-03-15',2,5);
INSERT INTO "ratings" VALUES('2026-03-15',3,7);
INSERT INTO "ratings" VALUES('2026-03-15',4,6);
INSERT INTO "ratings" VALUES('2026-03-16',1,6);
INSERT INTO "ratings" VALUES('2026-03-16',2,4);
INSERT INTO "ratings" VALUES('2026-03-16',3,7);
INSERT INTO "ratings" VALUES('2026-03-16',4,6);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO "settings" VALUES('demo','yes');
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX ratings_by_metric ON ratings(metric_id, date);
CREATE INDEX adherence_by_date ON adherence(date);
COMMIT;
