/* The pupils' page: the choice between the words for younger and older pupils, remembered across
   pages, and "Read it to me", which speaks one rule sentence by sentence with the browser's own
   voice. Nothing is fetched or sent: speech is the device's (window.speechSynthesis). Without this
   script both ages' words show, each labelled, and no button shows. */
(function () {
  "use strict";

  var AGE_KEY = "ps-age";
  var root = document.documentElement;

  function remembered() {
    try { return window.localStorage.getItem(AGE_KEY); } catch (e) { return null; }
  }

  function remember(age) {
    try { window.localStorage.setItem(AGE_KEY, age); } catch (e) { /* private browsing: the choice lasts this page */ }
  }

  function setUpAges(onChange) {
    var choice = document.querySelector(".ps-ages");
    if (!choice) return;
    var radios = Array.prototype.slice.call(choice.querySelectorAll('input[name="ps-age"]'));
    var age = remembered() === "younger" ? "younger" : "older";
    radios.forEach(function (radio) {
      radio.checked = radio.value === age;
      radio.addEventListener("change", function () {
        if (!radio.checked) return;
        root.setAttribute("data-ps-age", radio.value);
        remember(radio.value);
        onChange();
      });
    });
    root.setAttribute("data-ps-age", age);
    choice.hidden = false;
  }

  var synth = window.speechSynthesis;
  var speechWorks = !!(synth && window.SpeechSynthesisUtterance);
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button.ps-read"));
  var reading = null; // {button, utterance}: the rule being read
  var voice = null;
  var highlights = window.CSS && CSS.highlights && window.Highlight ? CSS.highlights : null;

  function englishVoice(voices) {
    function lang(v) { return (v.lang || "").replace("_", "-").toLowerCase(); }
    return voices.filter(function (v) { return lang(v) === "en-gb"; })[0] ||
      voices.filter(function (v) { return lang(v).indexOf("en") === 0; })[0] || null;
  }

  function label(button, on) {
    button.textContent = button.getAttribute(on ? "data-stop" : "data-read");
    button.classList.toggle("ps-read--on", on);
  }

  function unhighlight() {
    if (highlights) highlights.delete("ps-reading");
  }

  function highlight(range) {
    if (highlights && range) highlights.set("ps-reading", new window.Highlight(range));
  }

  function finished() {
    if (!reading) return;
    label(reading.button, false);
    reading = null;
    unhighlight();
  }

  function stop() {
    if (!reading) return;
    finished();
    synth.cancel();
  }

  // The blocks of a rule a pupil sees (not the button, not a label of the age the page hides).
  function visibleBlocks(rule) {
    return Array.prototype.filter.call(rule.querySelectorAll("p, li"), function (el) {
      return !el.closest(".ps-read-aloud") && !el.classList.contains("ps-age__label") &&
        !el.querySelector("p, li") && el.getClientRects().length > 0;
    });
  }

  // Where each sentence of `text` starts and ends, its spaces left out.
  function sentenceSpans(text) {
    var parts = [];
    if (window.Intl && Intl.Segmenter) {
      Array.from(new Intl.Segmenter("en-GB", {granularity: "sentence"}).segment(text)).forEach(function (s) {
        parts.push([s.index, s.index + s.segment.length]);
      });
    } else {
      var pattern = /[^.!?]+(?:[.!?]+["'\u201d\u2019)]*|$)/g;
      var m;
      while ((m = pattern.exec(text))) parts.push([m.index, m.index + m[0].length]);
    }
    return parts.map(function (p) {
      var piece = text.slice(p[0], p[1]);
      var start = p[0] + (piece.length - piece.replace(/^\s+/, "").length);
      return [start, p[0] + piece.replace(/\s+$/, "").length];
    }).filter(function (p) { return p[1] > p[0]; });
  }

  // Each sentence of one block, with the range of the page it covers (for the highlight).
  function blockSentences(block) {
    var nodes = [];
    var text = "";
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest('[aria-hidden="true"], svg') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({node: node, start: text.length});
      text += node.data;
    }
    function at(offset, isEnd) {
      for (var i = 0; i < nodes.length; i++) {
        var n = nodes[i];
        var end = n.start + n.node.data.length;
        if (offset < end || (isEnd && offset === end)) return [n.node, offset - n.start];
      }
      return null;
    }
    return sentenceSpans(text).map(function (span) {
      var range = null;
      var from = at(span[0], false);
      var to = at(span[1], true);
      if (from && to) {
        range = document.createRange();
        range.setStart(from[0], from[1]);
        range.setEnd(to[0], to[1]);
      }
      return {text: text.slice(span[0], span[1]).replace(/\s+/g, " "), range: range};
    });
  }

  function read(button) {
    var rule = button.closest(".ps-rule");
    var sentences = [];
    visibleBlocks(rule).forEach(function (block) { sentences = sentences.concat(blockSentences(block)); });
    if (!sentences.length) return;
    var run = {button: button, utterance: null};
    reading = run;
    label(button, true);
    var i = 0;
    function next() {
      if (reading !== run) return;
      if (i >= sentences.length) { finished(); return; }
      var sentence = sentences[i++];
      var u = new window.SpeechSynthesisUtterance(sentence.text);
      u.lang = voice ? voice.lang : "en-GB";
      if (voice) u.voice = voice;
      u.rate = 0.9;
      u.onend = next;
      u.onerror = function () { if (reading === run) finished(); };
      run.utterance = u; // held, so the browser cannot drop it (and its onend) before it ends
      highlight(sentence.range);
      synth.speak(u);
    }
    if (synth.paused) synth.resume();
    next();
  }

  function showButtons() {
    var voices = synth.getVoices() || [];
    voice = englishVoice(voices);
    buttons.forEach(function (button) { button.parentElement.hidden = voices.length === 0; });
    if (!voices.length) stop();
  }

  setUpAges(stop);
  if (!speechWorks || !buttons.length) return;
  buttons.forEach(function (button) {
    label(button, false);
    button.addEventListener("click", function () {
      var again = reading && reading.button === button;
      var other = reading && !again;
      stop();
      // Some browsers drop an utterance spoken in the same moment as the one they cancel.
      if (other) window.setTimeout(function () { read(button); }, 50);
      else if (!again) read(button);
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && reading) stop();
  });
  // A page left mid-sentence would otherwise go on speaking in some browsers.
  window.addEventListener("pagehide", stop);
  if (synth.addEventListener) synth.addEventListener("voiceschanged", showButtons);
  else synth.onvoiceschanged = showButtons;
  showButtons();
})();
