-- Visits a killed run left behind were marked with the English word 'interrupted', which the dashboard shows
-- to assessors; new ones get Chinese text (crawl-runs.ts INTERRUPTED_VISIT), and the old ones the same text.
UPDATE column_visits SET error = '抓取进程在本栏目巡检完成前被终止（如被强行结束或断电），本次未得出结论' WHERE error = 'interrupted';
