// The vendor card (a vendor's facts and its grade explained), for the popup and for the banner's details alike:
// both graded on one reader's day, so the two explanations of a grade never disagree (session 46).

/** The reader's day, `YYYY-MM-DD` in local time: the card's ratings age by it (src/db.rs `Database::grade_on`), not
 *  by the date of the database the build carries. Undefined for a year outside 1990–2100, the engine's bounds (a
 *  clock reset to 1970 by a flat battery or in a VM): the card is then graded at the database's date, where the
 *  engine would refuse the day and with it the card. */
export function readerDay(date) {
  const year = date.getFullYear();
  if (!(year >= 1990 && year <= 2100)) return undefined;
  const pad = (n) => String(n).padStart(2, '0');
  return `${year}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `engine.vendorCard` of vendor `id` graded on the reader's day of `now` (the device's clock). Throws on an id the
 *  engine does not know, as `vendorCard` does. The tab's assessment, the toolbar badge and the banner's letter keep
 *  the database's date (rules/README.md, Age rule). */
export function cardOn(engine, id, now = new Date()) {
  return engine.vendorCard(id, readerDay(now));
}
