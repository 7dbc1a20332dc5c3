// Progress for a statutory returns upload: the bytes sent, then the server's reading and
// computing. Without JavaScript the form posts as usual.
document.querySelectorAll("form[data-returns-upload]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const box = form.querySelector("[data-progress]");
    const bar = box.querySelector("progress");
    const label = box.querySelector("[data-progress-label]");
    box.hidden = false;
    const request = new XMLHttpRequest();
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) {
        const share = Math.round((e.loaded / e.total) * 100);
        bar.value = share;
        label.textContent = `Uploading: ${share}%`;
      }
    });
    request.upload.addEventListener("load", () => {
      bar.removeAttribute("value");
      label.textContent = "Reading, checking and computing the indicators";
    });
    request.addEventListener("load", () => {
      if (request.status < 300 && request.responseURL) {
        window.location.assign(request.responseURL);
      } else {
        document.open();
        document.write(request.responseText);
        document.close();
      }
    });
    request.open("POST", form.action || window.location.href);
    request.send(new FormData(form));
  });
});
