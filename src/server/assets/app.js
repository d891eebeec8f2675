// The newsdex search page. State lives in the URL; every piece of article text is put into the
// page as text (textContent), never as markup.
"use strict";

const FILTERS = ["person", "org", "topic", "source", "keyword"];
const LABELS = { person: "People", org: "Organisations", topic: "Topics", source: "Sources", keyword: "Keyphrases" };
const PAGE = 10;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function plural(n, noun, many) {
  return `${n.toLocaleString()} ${n === 1 ? noun : many || noun + "s"}`;
}

function state() {
  return new URLSearchParams(location.search);
}

function go(params, replace) {
  const url = params.toString() ? `/?${params}` : "/";
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render();
}

function apiUrl(params) {
  const api = new URLSearchParams();
  const q = params.get("q") || "";
  if (q) api.set("q", q);
  for (const f of FILTERS) for (const v of params.getAll(f)) api.append(f, v);
  for (const k of ["since", "until", "sort"]) if (params.get(k)) api.set(k, params.get(k));
  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  api.set("offset", String((page - 1) * PAGE));
  api.set("limit", String(PAGE));
  api.set("facets", "8");
  return `/api/v1/search?${api}`;
}

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ message: `The server answered ${r.status}.` }));
  if (!r.ok) throw new Error(body.message || `The server answered ${r.status}.`);
  return body;
}

function snippet(hit) {
  const p = el("p", { class: "snippet" });
  let pos = 0;
  for (const [s, e] of hit.highlights || []) {
    if (s < pos) continue;
    p.append(document.createTextNode(hit.snippet.slice(pos, s)), el("mark", {}, hit.snippet.slice(s, e)));
    pos = e;
  }
  p.append(document.createTextNode(hit.snippet.slice(pos)));
  return p;
}

// Highlight ranges are byte offsets of UTF-8 text: convert them to string indices.
function byteRangesToChars(text, ranges) {
  const enc = new TextEncoder();
  const out = [];
  for (const [s, e] of ranges) {
    let bytes = 0, cs = -1, ce = -1, i = 0;
    for (const ch of text) {
      if (bytes === s) cs = i;
      if (bytes === e) ce = i;
      bytes += enc.encode(ch).length;
      i += ch.length;
    }
    if (bytes === e) ce = i;
    if (cs >= 0 && ce >= 0) out.push([cs, ce]);
  }
  return out;
}

function articleLink(id, text) {
  const params = new URLSearchParams(location.search);
  params.set("article", id);
  return el("a", { href: `/?${params}`, onclick: (ev) => { ev.preventDefault(); go(params); } }, text);
}

function hitView(hit) {
  const meta = [hit.date ? hit.date.slice(0, 10) : null, hit.source, hit.id].filter(Boolean).join(" · ");
  const node = el("div", { class: "hit", "data-id": hit.id },
    el("h3", {}, articleLink(hit.id, hit.title || hit.id)),
    el("div", { class: "meta" }, meta),
    snippet({ ...hit, highlights: byteRangesToChars(hit.snippet, hit.highlights || []) }));
  if (hit.cluster_size > 1) {
    const others = hit.cluster_size - 1;
    const details = el("details", { class: "copies" },
      el("summary", {}, `also published by ${plural(others, "other")}`));
    details.addEventListener("toggle", async () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = "1";
      try {
        const c = await getJson(`/api/v1/articles/${encodeURIComponent(hit.id)}/cluster`);
        const list = el("ul", {});
        for (const a of c.articles.filter((a) => a.id !== hit.id)) {
          list.append(el("li", {}, articleLink(a.id, a.title || a.id), " ",
            el("span", { class: "meta" }, [a.source, a.date ? a.date.slice(0, 10) : null].filter(Boolean).join(" · "))));
        }
        details.append(list);
      } catch (e) {
        details.append(el("p", { class: "error" }, e.message));
      }
    });
    node.append(details);
  }
  return node;
}

// Topics as a tree: each subject followed by its themes.
function topicTree(values) {
  const subjects = values.filter((v) => !v.value.includes("/"));
  const themes = values.filter((v) => v.value.includes("/"));
  const out = [];
  for (const s of subjects) out.push(s, ...themes.filter((t) => t.value.startsWith(s.value + "/")));
  return out.concat(themes.filter((t) => !out.includes(t)));
}

function facetBlock(field, values, params) {
  if (!values || !values.length) return null;
  if (field === "topic") values = topicTree(values);
  const chosen = params.getAll(field);
  const block = el("div", { class: "facet", "data-field": field }, el("h2", {}, LABELS[field] || field));
  for (const v of values) {
    const id = `f-${field}-${v.value}`.replace(/[^A-Za-z0-9_-]/g, "_");
    const box = el("input", { type: "checkbox", id, value: v.value, checked: chosen.includes(v.value) });
    box.addEventListener("change", () => {
      const p = state();
      const rest = p.getAll(field).filter((x) => x !== v.value);
      p.delete(field);
      for (const x of rest) p.append(field, x);
      if (box.checked) p.append(field, v.value);
      p.delete("page");
      go(p);
    });
    const label = el("label", { for: id, class: field === "topic" && v.value.includes("/") ? "theme" : "" },
      box, el("span", {}, field === "topic" ? v.value.split("/").pop() : v.value), el("span", { class: "count" }, v.count.toLocaleString()));
    block.append(label);
  }
  // Values chosen but no longer among the top ones stay visible, to be unchecked.
  for (const c of chosen.filter((c) => !values.some((v) => v.value === c))) {
    block.append(el("label", {}, el("input", { type: "checkbox", checked: true, onchange: () => {
      const p = state(); const rest = p.getAll(field).filter((x) => x !== c); p.delete(field);
      for (const x of rest) p.append(field, x); go(p);
    } }), el("span", {}, c)));
  }
  return block;
}

function histogram(months, params) {
  if (!months || months.length < 2) return null;
  const max = Math.max(...months.map((m) => m.count));
  const bars = el("div", { class: "histogram", role: "group", "aria-label": "Matches by month" });
  for (const m of months) {
    bars.append(el("button", {
      type: "button", title: `${m.value}: ${plural(m.count, "match", "matches")}`,
      "aria-label": `${m.value}: ${plural(m.count, "match", "matches")}`,
      style: `height:${Math.max(4, Math.round((100 * m.count) / max))}%`,
      onclick: () => { const p = state(); p.set("since", m.value); p.set("until", m.value); p.delete("page"); go(p); },
    }));
  }
  const block = el("div", { class: "facet" }, el("h2", {}, "By month"), bars);
  if (params.get("since") || params.get("until")) {
    block.append(el("button", { type: "button", onclick: () => { const p = state(); p.delete("since"); p.delete("until"); go(p); } },
      `${params.get("since") || "…"} – ${params.get("until") || "…"} ✕`));
  }
  return block;
}

function pages(total, params) {
  const count = Math.min(Math.ceil(total / PAGE), 1000 / PAGE);
  if (count <= 1) return null;
  const current = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  const nav = el("nav", { class: "pages", "aria-label": "Pages" });
  const first = Math.max(1, current - 4), last = Math.min(count, first + 9);
  for (let n = first; n <= last; n++) {
    nav.append(el("button", { type: "button", "aria-current": n === current ? "page" : false,
      onclick: () => { const p = state(); p.set("page", String(n)); go(p); window.scrollTo(0, 0); } }, String(n)));
  }
  return nav;
}

let generation = 0;

async function renderSearch(params) {
  const results = document.getElementById("results");
  const facets = document.getElementById("facets");
  const q = params.get("q") || "";
  const filtered = FILTERS.some((f) => params.getAll(f).length) || params.get("since") || params.get("until");
  if (!q && !filtered) {
    results.replaceChildren(el("p", { class: "hint" }, "Type a query: words, \"quoted phrases\", -exclusions, OR; or pick filters."));
    facets.replaceChildren();
    return;
  }
  const mine = ++generation;
  const url = apiUrl(params);
  let r;
  try {
    r = await getJson(url);
  } catch (e) {
    if (mine === generation) results.replaceChildren(el("p", { class: "error", role: "alert" }, e.message));
    return;
  }
  if (mine !== generation) return; // a newer search is on its way
  const stories = r.total_clusters !== undefined && r.total_clusters !== null ? `, ${plural(r.total_clusters, "distinct story", "distinct stories")}` : "";
  const summary = el("p", { class: "summary", id: "summary" },
    `${plural(r.total_hits, "article")} ${r.total_hits === 1 ? "matches" : "match"}${stories} (${(r.took_us / 1000).toFixed(1)} ms)`,
    el("a", { href: url, id: "api-link" }, "API call"));
  const list = [summary];
  if (r.fallback) list.push(el("p", { class: "hint" }, "No article has all of the words; showing articles with any of them."));
  for (const hit of r.hits) list.push(hitView(hit));
  list.push(pages(r.total_hits, params));
  results.replaceChildren(...list.filter(Boolean));
  const f = r.facets || {};
  facets.replaceChildren(...[histogram(f.month, params), ...["person", "org", "topic", "source"].map((k) => facetBlock(k, f[k], params))].filter(Boolean));
}

const KIND_LABEL = { intra: "repeated within the article", cross: "copied from another article", near: "near copy of another article", boilerplate: "boilerplate" };

async function renderArticle(id) {
  const box = document.getElementById("article");
  let a;
  try {
    a = await getJson(`/api/v1/articles/${encodeURIComponent(id)}`);
  } catch (e) {
    box.replaceChildren(el("p", { class: "error", role: "alert" }, e.message));
    return;
  }
  const back = el("button", { type: "button", onclick: () => history.back() }, "← Back to results");
  const chips = (field, names) => names && names.length ? el("p", { class: "chips" }, `${LABELS[field] || field}: `,
    names.map((n) => el("button", { type: "button", "data-field": field, onclick: () => {
      const p = new URLSearchParams(); p.append(field, n); go(p);
    } }, n))) : null;
  const topics = (a.topics || []).map((t) => t.path.replace(/^\/topic\//, ""));
  const parts = [back, el("h1", {}, a.title || a.id),
    el("p", { class: "meta" }, [a.date ? a.date.slice(0, 10) : null, a.source, a.author, a.id].filter(Boolean).join(" · ")),
    chips("person", a.people), chips("org", a.orgs), chips("topic", topics), chips("keyword", a.keywords)];
  if (a.url) parts.push(el("p", { class: "meta" }, "Original: ", el("a", { href: a.url, rel: "noopener noreferrer" }, a.url)));
  parts.push(el("p", { class: "legend" }, "Shading: ",
    Object.entries(KIND_LABEL).map(([k, v]) => el("span", { class: `passage ${k}` }, v))));
  for (const p of a.passages || []) {
    const text = a.body.slice(charIndex(a.body, p.start), charIndex(a.body, p.end));
    const div = el("div", { class: `passage ${p.kind}`, "data-kind": p.kind }, text);
    if (p.of && p.of.id) {
      div.append(el("div", { class: "meta" }, `${KIND_LABEL[p.kind] || p.kind}: `,
        p.of.id === a.id ? `paragraph ${p.of.passage + 1} of this article` : articleLink(p.of.id, p.of.id)));
    }
    parts.push(div);
  }
  if (a.copies && a.copies.length) {
    parts.push(el("h2", {}, "Other copies of this story"), el("ul", {}, a.copies.map((c) => el("li", {}, articleLink(c, c)))));
  }
  box.replaceChildren(...parts.filter(Boolean));
  back.focus();
}

// Passage offsets are UTF-8 byte offsets: the string index of byte `b` of `text`.
function charIndex(text, b) {
  const enc = new TextEncoder();
  let bytes = 0, i = 0;
  for (const ch of text) {
    if (bytes >= b) return i;
    bytes += enc.encode(ch).length;
    i += ch.length;
  }
  return i;
}

function render() {
  const params = state();
  const q = document.getElementById("q");
  if (document.activeElement !== q) q.value = params.get("q") || "";
  document.getElementById("sort").value = params.get("sort") === "date" ? "date" : "relevance";
  const id = params.get("article");
  const article = document.getElementById("article");
  const lists = [document.getElementById("results"), document.getElementById("facets")];
  if (id) {
    article.hidden = false;
    lists.forEach((n) => (n.hidden = true));
    renderArticle(id);
  } else {
    article.hidden = true;
    lists.forEach((n) => (n.hidden = false));
    renderSearch(params);
  }
}

function searchFromBox(replace) {
  const p = state();
  p.delete("article");
  p.delete("page");
  const q = document.getElementById("q").value.trim();
  if (q) p.set("q", q); else p.delete("q");
  go(p, replace);
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("search-form");
  const q = document.getElementById("q");
  let timer = null;
  form.addEventListener("submit", (ev) => { ev.preventDefault(); clearTimeout(timer); searchFromBox(false); });
  q.addEventListener("input", () => {
    clearTimeout(timer);
    // Search as you type: one history entry per pause, not per key.
    timer = setTimeout(() => searchFromBox(state().get("q") !== null), 250);
  });
  document.getElementById("sort").addEventListener("change", (ev) => {
    const p = state(); p.set("sort", ev.target.value); p.delete("page"); go(p);
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "/" && document.activeElement !== q && !(ev.target instanceof HTMLInputElement)) {
      ev.preventDefault();
      q.focus();
      q.select();
    }
  });
  window.addEventListener("popstate", render);
  render();
});
