// 当场处罚 on a phone: one step on screen at a time, a signature drawn with a finger, and a summary before the
// decision is made. Without this script the form is one long page and still works.
(function () {
  "use strict";
  var form = document.getElementById("field-flow");
  if (!form) return;
  form.classList.add("js-on");
  var steps = Array.prototype.slice.call(form.querySelectorAll(".step"));
  var back = document.getElementById("step-back");
  var next = document.getElementById("step-next");
  var marks = form.querySelectorAll(".steps li");
  var current = 0;

  function show(i) {
    current = i;
    steps.forEach(function (s, k) { s.hidden = k !== i; });
    Array.prototype.forEach.call(marks, function (m, k) { m.className = k === i ? "now" : (k < i ? "done" : ""); });
    back.hidden = i === 0;
    next.hidden = i === steps.length - 1;
    if (i === steps.length - 1) summarise();
    window.scrollTo(0, 0);
  }

  function valid(step) {
    var fields = step.querySelectorAll("input, select, textarea");
    for (var k = 0; k < fields.length; k++) {
      if (!fields[k].checkValidity()) { fields[k].reportValidity(); return false; }
    }
    return true;
  }

  next.addEventListener("click", function () { if (valid(steps[current])) show(current + 1); });
  back.addEventListener("click", function () { show(current - 1); });

  // The party's signature.
  var pad = document.getElementById("signature-pad");
  var field = document.getElementById("signature");
  var ctx = pad.getContext("2d");
  var drawing = false, drawn = false;
  ctx.lineWidth = 4; ctx.lineCap = "round"; ctx.strokeStyle = "#111";
  function at(e) {
    var r = pad.getBoundingClientRect();
    return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height];
  }
  pad.addEventListener("pointerdown", function (e) {
    drawing = true; var p = at(e); ctx.beginPath(); ctx.moveTo(p[0], p[1]); pad.setPointerCapture(e.pointerId);
  });
  pad.addEventListener("pointermove", function (e) {
    if (!drawing) return; var p = at(e); ctx.lineTo(p[0], p[1]); ctx.stroke(); drawn = true;
  });
  function end() { if (drawing && drawn) field.value = pad.toDataURL("image/png"); drawing = false; }
  pad.addEventListener("pointerup", end);
  pad.addEventListener("pointercancel", end);
  document.getElementById("signature-clear").addEventListener("click", function () {
    ctx.clearRect(0, 0, pad.width, pad.height); field.value = ""; drawn = false;
  });

  // The chosen violation's benchmark, range and tiers, and the tier of the amount typed — shown before the party
  // signs (DIS-04, DIS-06), with the on-the-spot limit of 行政处罚法第五十一条 (PEN-01).
  function json(id) {
    var el = document.getElementById(id);
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  }
  var catalogue = json("field-catalogue");
  var limits = json("field-limits");
  var picker = document.getElementById("benchmark-violation");
  var fineInput = document.getElementById("fine");
  var rangeLine = document.getElementById("violation-range");
  var tierBox = document.getElementById("tier-box");
  var tierNow = "";

  function party() {
    var checked = form.querySelector("input[name=party_kind]:checked");
    return checked ? checked.value : "citizen";
  }
  function partyWord(p) { return p === "org" ? "法人或其他组织" : "公民"; }
  function yuan(v) {
    var n = Number(v);
    return isFinite(n) ? n.toLocaleString("zh-CN", {maximumFractionDigits: 2}) + "元" : v;
  }
  function para(parent, words, cls) {
    var el = document.createElement("p");
    el.textContent = words;
    if (cls) el.className = cls;
    parent.appendChild(el);
  }
  function tiersOf(item) {
    var p = item && item.parties[party()];
    return p ? p.tiers : [];
  }
  function tierList(item) {
    return tiersOf(item).map(function (t) {
      if (item.method) return t.tier + " " + (t.empty ? "无（" + t.empty.split("：")[1].split("，该档")[0] + "）" : t.text);
      return t.tier + " " + t.text;
    }).join("；");
  }
  function lowest(item) {
    var low = null;
    tiersOf(item).forEach(function (t) {
      if (item.method && !t.empty && !t.no_penalty && (low === null || Number(t.low) < low)) low = Number(t.low);
    });
    if (!item.method) {
      var first = item.parties[party()] && item.parties[party()].first;
      if (first) low = Number(first.low);
    }
    return low;
  }
  function update() {
    var item = picker ? catalogue[picker.value] : null;
    var limit = Number(limits[party()] || 0);
    tierNow = "";
    rangeLine.textContent = "";
    tierBox.textContent = "";
    form.classList.toggle("party-org", party() === "org");
    if (!item) return;
    var where = item.benchmark + "；法定幅度：" + item.statutory + (item.status ? "；" + item.status : "");
    rangeLine.textContent = where;
    para(tierBox, "裁量阶次（" + partyWord(party()) + "）：" + tierList(item));
    var low = lowest(item);
    if (low !== null && low > limit) {
      para(tierBox, "该违法行为按基准最低罚款" + yuan(low) + "，超过对" + partyWord(party()) + "当场罚款的限额" + yuan(limit) +
           "，不能当场罚款，应适用普通程序（行政处罚法第五十一条）", "warn");
    }
    var raw = fineInput.value.trim();
    if (!raw) return;
    var amount = Number(raw);
    if (!isFinite(amount) || amount < 0) { para(tierBox, "罚款金额应为数字", "warn"); return; }
    if (amount > limit) {
      para(tierBox, "罚款" + yuan(amount) + "超过对" + partyWord(party()) + "当场罚款的限额" + yuan(limit) +
           "，应适用普通程序（行政处罚法第五十一条）", "warn");
    }
    if (item.method) {
      var hit = null;
      tiersOf(item).forEach(function (t) {
        if (hit || t.empty || t.no_penalty) return;
        if (amount >= Number(t.low) && amount <= Number(t.high) && (!t.whole || amount === Math.floor(amount))) hit = t;
      });
      if (hit) { tierNow = hit.tier; para(tierBox, "罚款" + yuan(amount) + "：属" + hit.tier + "档（" + hit.text + "）", "ok"); }
      else para(tierBox, "罚款" + yuan(amount) + "不在基准各档金额内（各档取整数元），偏离基准须经负责人批准，应适用普通程序", "warn");
    } else {
      var first = item.parties[party()] && item.parties[party()].first;
      if (first && amount >= Number(first.low) && amount <= Number(first.high)) {
        tierNow = first.tiers.join("、");
        para(tierBox, "罚款" + yuan(amount) + "：首次违法适用" + tierNow + "档", "ok");
      } else if (first) {
        para(tierBox, "罚款" + yuan(amount) + "不在首次违法适用的幅度（" + yuan(first.low) + "至" + yuan(first.high) + "）内", "warn");
      }
    }
  }
  if (picker) picker.addEventListener("change", update);
  fineInput.addEventListener("input", update);
  Array.prototype.forEach.call(form.querySelectorAll("input[name=party_kind]"), function (r) {
    r.addEventListener("change", update);
  });
  update();

  function text(name) {
    var el = form.elements[name];
    if (!el) return "";
    if (el.tagName === "SELECT") return el.selectedIndex > 0 ? el.options[el.selectedIndex].text : "";
    return el.value || "";
  }
  function summarise() {
    var kinds = [];
    Array.prototype.forEach.call(form.querySelectorAll("input[name=kinds]:checked"), function (k) {
      kinds.push(k.value === "fine" ? "罚款" + (text("fine") ? text("fine") + "元" : "") : "警告");
    });
    var photos = form.elements.photos.files.length;
    var receipt = field.value ? "已签名" : (form.elements.signature_refused.checked ? "拒绝签收" : "未签名");
    var rows = [["违法行为", text("benchmark_violation") || text("cause")], ["地点", text("place")],
                ["当事人", text("party_name")], ["处罚", kinds.join("、")], ["裁量阶次", tierNow],
                ["同行人员", text("officers")], ["现场照片", photos + "张"], ["签收", receipt]];
    var dl = document.getElementById("field-summary");
    dl.textContent = "";
    rows.forEach(function (r) {
      var dt = document.createElement("dt"); dt.textContent = r[0];
      var dd = document.createElement("dd"); dd.textContent = r[1] || "—";
      dl.appendChild(dt); dl.appendChild(dd);
    });
  }

  show(0);
})();
