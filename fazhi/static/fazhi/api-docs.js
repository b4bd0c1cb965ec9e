/* Starts the vendored Swagger UI (vendor/swagger-ui) on /api/v1/docs with the settings the page carries, so
   the documentation works without any network beyond this server. Session users send the CSRF token. */
(function () {
  "use strict";
  var options = JSON.parse(document.getElementById("swagger-settings").textContent);
  var csrf = document.body.dataset.csrfToken;
  options.dom_id = "#swagger-ui";
  options.presets = [SwaggerUIBundle.presets.apis];
  if (csrf) {
    options.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = csrf;
      return request;
    };
  }
  window.ui = SwaggerUIBundle(options);
})();
