-- station module: the station's time zone, for the times its staff read in the station app (null: the app's default)
alter table station add column time_zone text;
