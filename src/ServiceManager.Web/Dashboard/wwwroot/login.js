"use strict";
// The login page is static; the server sends us back here with ?failed=1 after a wrong token.
if (new URLSearchParams(location.search).has("failed")) {
  document.getElementById("failed").hidden = false;
}
