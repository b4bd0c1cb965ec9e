// 当场处罚 on a phone: one step on screen at a time, a signature drawn with a finger, and a summary before the
// decision is made. Without this script the form is one long page and still works.
(function () {
  "use strict";
  var form = document.getElementById("field-flow");
  if (!form) return;
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
    var rows = [["违法行为", text("benchmark_violation")], ["地点", text("place")], ["当事人", text("party_name")],
                ["处罚", kinds.join("、")], ["同行人员", text("officers")], ["现场照片", photos + "张"],
                ["签收", receipt]];
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
