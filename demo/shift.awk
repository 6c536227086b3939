# Moves every date in the demo caseload by the days from the day it was
# written (base) to today, so that its cases stand on any day as they stood
# then. Variables: base and today, both YYYY-MM-DD.

# Days from 1970-01-01 of a civil date, and back (proleptic Gregorian).
function day_number(y, m, d,    era, yoe, doy, doe) {
	y -= m <= 2
	era = int((y >= 0 ? y : y - 399) / 400)
	yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}

function iso(n,    era, doe, yoe, y, doy, mp, d, m) {
	n += 719468
	era = int((n >= 0 ? n : n - 146096) / 146097)
	doe = n - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - \
	    int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp + (mp < 10 ? 3 : -9)
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}

function parse(text,    part) {
	split(text, part, "-")
	return day_number(part[1] + 0, part[2] + 0, part[3] + 0)
}

BEGIN {
	offset = parse(today) - parse(base)
}

# The header has no dates; on the other lines every YYYY-MM-DD moves, in
# the list cells too.
NR > 1 {
	line = $0
	out = ""
	while (match(line, /[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]/)) {
		out = out substr(line, 1, RSTART - 1) \
		    iso(parse(substr(line, RSTART, RLENGTH)) + offset)
		line = substr(line, RSTART + RLENGTH)
	}
	$0 = out line
}

{ print }
