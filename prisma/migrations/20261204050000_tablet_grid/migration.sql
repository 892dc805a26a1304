-- The tablet grid (breakpoint sm) now has two columns instead of six, so that a tablet shows two
-- widgets side by side; the phone grid (xs) one column instead of two. Positions stored for the
-- six-column grid would all be one full-width column there: they are dropped, and the tablet's
-- arrangement is derived from the desktop's (grid.ts) until the person arranges it. Phone positions
-- are kept: each widget already took the whole width there, and their order and heights stay.
UPDATE "widget_instance" SET "layout" = "layout" - 'sm' WHERE "layout" ? 'sm';
