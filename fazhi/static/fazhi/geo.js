/* Phone location for report forms, without inline script (the Content-Security-Policy allows none).
   [data-locate]      a button: fills #lng and #lat (WGS-84) from the device's position when pressed
   [data-autolocate]  a status line: locates at once and says what happened
   [data-copy-to=ID]  an input whose value is copied to the element with that id */
(function () {
  "use strict";
  function byId(id) { return document.getElementById(id); }
  function fill(p) {
    byId("lng").value = p.coords.longitude.toFixed(6);
    byId("lat").value = p.coords.latitude.toFixed(6);
  }
  document.querySelectorAll("[data-locate]").forEach(function (b) {
    b.addEventListener("click", function () {
      if (navigator.geolocation) navigator.geolocation.getCurrentPosition(fill);
    });
  });
  document.querySelectorAll("[data-autolocate]").forEach(function (where) {
    if (!navigator.geolocation) { where.textContent = "此设备不支持定位，请手动填写经纬度"; return; }
    navigator.geolocation.getCurrentPosition(function (p) {
      fill(p);
      where.textContent = "已定位：" + byId("lng").value + ", " + byId("lat").value +
        "（精度约" + Math.round(p.coords.accuracy) + "米）";
    }, function () { where.textContent = "未能获取定位，请手动填写经纬度"; }, {enableHighAccuracy: true});
  });
  document.querySelectorAll("[data-copy-to]").forEach(function (input) {
    input.addEventListener("input", function () { byId(input.dataset.copyTo).value = input.value; });
  });
})();
