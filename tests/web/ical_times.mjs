// Read an iCalendar feed on standard input with ical.js (the parser of Thunderbird
// and several web calendars), applying the feed's own VTIMEZONE definitions, and
// print {uid: start in UTC} for every timed event, as JSON.
import { createRequire } from "node:module";

const require = createRequire(process.env.ICALJS_DIR + "/");
const ICAL = require("ical.js");

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;

const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const starts = {};
for (const component of calendar.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(component);
  if (!event.startDate.isDate) {
    starts[event.uid] = event.startDate.toJSDate().toISOString();
  }
}
process.stdout.write(JSON.stringify(starts));
