// "Add to followup": a bookmarklet. Settings turns this file into a javascript: link
// (FOLLOWUP_ADD is replaced by the quick-add form's address). On a job posting it
// reads the address, the title, the selected text and, where the page publishes
// schema.org JobPosting JSON-LD (most applicant tracking systems do), the company,
// title, location, salary and description; then opens the quick-add form with them.
// Broken JSON-LD is skipped: the form still opens with what the page itself shows.
(function () {
  var add = "FOLLOWUP_ADD";
  function text(html) {
    var box = document.createElement("div");
    box.innerHTML = String(html || "").replace(/<(br|\/p|\/li|\/h\d)[^>]*>/gi, "\n");
    return (box.textContent || "").replace(/\n{3,}/g, "\n\n").trim();
  }
  function isPosting(item) {
    var kind = item && item["@type"];
    return kind === "JobPosting" || (Array.isArray(kind) && kind.indexOf("JobPosting") >= 0);
  }
  function postings(data) {
    if (Array.isArray(data)) return data.reduce(function (all, d) { return all.concat(postings(d)); }, []);
    if (!data || typeof data !== "object") return [];
    if (isPosting(data)) return [data];
    return data["@graph"] ? postings(data["@graph"]) : [];
  }
  function first(value) { return Array.isArray(value) ? value[0] : value; }
  function place(location) {
    var address = (first(location) || {}).address || {};
    if (typeof address === "string") return address;
    return [address.addressLocality, address.addressRegion, address.addressCountry && (address.addressCountry.name || address.addressCountry)]
      .filter(function (part) { return typeof part === "string" && part; }).join(", ");
  }
  var found = null;
  document.querySelectorAll('script[type="application/ld+json"]').forEach(function (script) {
    if (found) return;
    try { found = postings(JSON.parse(script.textContent))[0] || null; } catch (broken) { found = null; }
  });
  var job = found || {};
  var pay = first(job.baseSalary) || {};
  var amount = typeof pay.value === "object" && pay.value ? pay.value : { value: pay.value };
  var periods = { YEAR: "year", MONTH: "month", WEEK: "week", DAY: "day", HOUR: "hour" };
  var organisation = first(job.hiringOrganization);
  var fields = {
    posting_url: location.href,
    role: job.title || document.title,
    company: (organisation && (organisation.name || organisation)) || "",
    location: place(job.jobLocation),
    posting_text: (job.description ? text(job.description) : String(window.getSelection() || "")).slice(0, 6000),
    salary_min: amount.minValue != null ? amount.minValue : amount.value,
    salary_max: amount.maxValue,
    salary_currency: pay.currency || amount.currency,
    salary_period: periods[String(amount.unitText || pay.unitText || "").toUpperCase()]
  };
  var query = Object.keys(fields).filter(function (key) {
    return fields[key] !== undefined && fields[key] !== null && fields[key] !== "" && typeof fields[key] !== "object";
  }).map(function (key) { return key + "=" + encodeURIComponent(fields[key]); }).join("&");
  var address = add + "?" + query;
  if (!window.open(address, "_blank")) location.href = address;
})();
