// Keeps part of a page current without reloading it: an element with data-refresh="<url>" gets the
// HTML the url answers every data-every seconds (15 unless told). If the session has ended, the
// answer is the sign-in page: the whole page reloads, so the user sees it.
document.querySelectorAll('[data-refresh]').forEach(function (part) {
  var every = (parseInt(part.getAttribute('data-every'), 10) || 15) * 1000;
  setInterval(function () {
    fetch(part.getAttribute('data-refresh'), {credentials: 'same-origin'})
      .then(function (response) {
        if (response.redirected) {
          window.location.reload();
          return null;
        }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          part.innerHTML = html;
        }
      })
      .catch(function () { /* the next round tries again */ });
  }, every);
});
