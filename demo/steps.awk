# Prints the ehc commands that take each demo case along its path. Input:
# the rows of caseload.csv without its header; variables ehc, db, today.

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
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp + (mp < 10 ? 3 : -9)
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}

# 1 for Monday to 7 for Sunday; 1970-01-01 was a Thursday.
function weekday(n) {
	return (n % 7 + 7 + 3) % 7 + 1
}

function quote(s) {
	gsub(/'/, "'\\''", s)
	return "'" s "'"
}

# Prints one command for the case, unless its day is after today. The
# support meeting takes its day as its value, the other steps --date. The
# demo books some meetings late on purpose, so their warnings are dropped.
function step(day, args) {
	if (day > now)
		return 0
	if (args !~ /--support-meeting/)
		args = args " --date " iso(day)
	if (args ~ /^schedule-com/)
		printf "%s --db %s --today %s %s 2>\"$warnings\" ||" \
		    " { cat \"$warnings\" >&2; exit 1; }\n", ehc, quote(db),
		    iso(now), args
	else
		printf "%s --db %s --today %s %s\n", ehc, quote(db),
		    iso(now), args
	return 1
}

BEGIN {
	split(today, t, "-")
	now = day_number(t[1] + 0, t[2] + 0, t[3] + 0)
	split("ci|cl|semh|sp", areas, "|")
	outcome["ci"] = "takes turns in a conversation with a familiar adult"
	outcome["cl"] = "reads and understands short texts at their own level"
	outcome["semh"] = "names feelings and uses a calm-down plan when upset"
	outcome["sp"] = "moves around the school site safely and on their own"
	provision["ci"] = "speech and language therapy programme, 3 x 20 minutes a week"
	provision["cl"] = "daily small-group phonics with a trained teaching assistant"
	provision["semh"] = "weekly key adult sessions and a quiet space at breaks"
	provision["sp"] = "occupational therapy review each term; adapted PE"
}

{
	n = NR
	received = now - $3
	born = now - $2
	ref = "\"$ref\""
	printf "ref=$(%s --db %s --today %s request --child %s --dob %s" \
	    " --received %s --source %s --setting %s --aro %s%s)\n",
	    ehc, quote(db), iso(now), quote($1), iso(born), iso(received),
	    $4, quote($5), quote($6), $7 != "" ? " --ep " quote($7) : ""

	path = n % 20
	speed = (n * 7) % 3
	late = speed * 15

	if (path == 2) {
		step(received + 20, "withdraw " ref " --reason 'the family moved out of the area'")
		next
	}
	if (path <= 1) {
		step(received + 35 + late, "assess " ref " --decision no-assess")
		next
	}
	day = received + 30 + late
	if (!step(day, "assess " ref " --decision assess"))
		next

	asked = day + 1
	step(asked, "assess " ref " --advice-requested education")
	step(asked, "assess " ref " --advice-requested psychology")
	if (n % 2)
		step(asked, "assess " ref " --advice-requested health")
	step(asked + 25 + 2 * late, "assess " ref " --advice-received education")
	step(asked + 30 + 2 * late, "assess " ref " --advice-received psychology")
	if (n % 2)
		step(asked + 35 + 2 * late, "assess " ref " --advice-received health")

	if (path == 3)
		step(received + 50, "exception " ref " --reason personal-circumstances --from " iso(received + 50))

	booked = received + 60 + late
	com = booked + 28
	while (weekday(com) >= 6)
		com++
	if (!step(booked, "schedule-com " ref " --at '" iso(com) " 10:00' --location 'Online meeting' --chair " quote($7 != "" ? $7 : "Dr Kwame Boateng") " --invite 'Parent carer' --invite 'School SENCO' --invite " quote($6)))
		next
	if (!step(com, "record-outcome " ref " --held"))
		next
	for (a = 1; a <= 4; a++)
		if ((n + a) % 3)
			step(com, "record-outcome " ref " --area " areas[a] " --outcome " quote(outcome[areas[a]]) " --provision " quote(provision[areas[a]]) " --by " iso(com + 365))

	decided = com + 10 + late
	if (path >= 4 && path <= 6) {
		if (step(decided, "panel-decide " ref " --decision no-issue"))
			step(decided + 21, "panel-decide " ref " --support-meeting " iso(decided + 21))
		next
	}
	if (!step(decided, "panel-decide " ref " --decision issue"))
		next
	draft = decided + 7 + late / 3
	if (!step(draft, "issue-plan " ref " --draft"))
		next
	if (speed == 0)
		step(draft + 9, "issue-plan " ref " --comments-received")
	step(draft + 16 + late, "issue-plan " ref " --final --placement " quote($5))
}
