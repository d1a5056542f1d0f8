/// The app's own stylesheet, after the GOV.UK Design System's patterns and palette (colours chosen
/// for WCAG 2.2 AA contrast), readable on a phone and printable.
enum Stylesheet {
    static let css = """
    *,*::before,*::after{box-sizing:border-box}
    html{font-family:Arial,"Helvetica Neue",Helvetica,sans-serif;font-size:100%;line-height:1.3;color:#0b0c0c;background:#f3f2f1;-webkit-text-size-adjust:100%}
    body{margin:0;background:#fff}
    a{color:#1d70b8}a:visited{color:#4c2c92}a:hover{color:#003078}
    a:focus,button:focus,input:focus,select:focus,textarea:focus,pre:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 4px #0b0c0c}
    a:focus{background:#ffdd00;color:#0b0c0c;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none;outline:none}
    .govuk-skip-link{position:absolute;left:-9999px;padding:10px 15px;background:#ffdd00;color:#0b0c0c}
    .govuk-skip-link:focus{left:0;top:0;z-index:10}
    .govuk-visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
    .govuk-width-container{max-width:960px;margin:0 15px}
    @media(min-width:40.0625em){.govuk-width-container{margin:0 30px}}
    @media(min-width:1020px){.govuk-width-container{margin:0 auto}}
    .govuk-header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}
    .govuk-header__container{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;padding:10px 0}
    .govuk-header__link,.govuk-header__link:visited{color:#fff;text-decoration:none;font-weight:700;font-size:1.5rem}
    .govuk-header__link:hover{text-decoration:underline;color:#fff}
    .govuk-header__agency{display:block;color:#fff;font-size:1rem}
    .govuk-header__account{display:flex;gap:15px;align-items:center;flex-wrap:wrap}
    .govuk-header__practitioner{color:#fff}
    .govuk-header__sign-out{margin:0}
    .govuk-header__button{background:#0b0c0c;border:2px solid #fff;color:#fff;font:inherit;padding:4px 10px;cursor:pointer}
    .govuk-exit-this-page{max-width:960px;margin:10px auto 0;padding:0 15px;text-align:right}
    .govuk-service-navigation{background:#f3f2f1;border-bottom:1px solid #b1b4b6}
    .govuk-service-navigation__list{list-style:none;display:flex;flex-wrap:wrap;gap:10px 25px;padding:10px 0;margin-top:0;margin-bottom:0}
    .govuk-service-navigation__link{font-weight:700}
    .govuk-service-navigation__item--active .govuk-service-navigation__link{color:#0b0c0c;text-decoration:none;border-bottom:4px solid #1d70b8}
    .govuk-main-wrapper{display:block;padding:30px 0 40px}
    .govuk-footer{background:#f3f2f1;border-top:1px solid #b1b4b6;padding:25px 0;color:#0b0c0c}
    .govuk-footer__meta{margin:0}
    .govuk-heading-l{font-size:2rem;font-weight:700;margin:0 0 20px}
    .govuk-heading-m{font-size:1.5rem;font-weight:700;margin:30px 0 15px}
    .govuk-heading-s{font-size:1.1875rem;font-weight:700;margin:20px 0 10px}
    .govuk-caption-l{display:block;color:#505a5f;font-size:1.25rem;margin-bottom:5px}
    .govuk-body,.govuk-list{font-size:1.1875rem;margin:0 0 20px}
    .govuk-list{padding-left:0;list-style:none}
    .govuk-grid-row{display:flex;flex-wrap:wrap}
    .govuk-grid-column-two-thirds{width:100%}
    @media(min-width:40.0625em){.govuk-grid-column-two-thirds{width:66.66%}}
    .govuk-button{display:inline-block;font:inherit;font-size:1.1875rem;font-weight:400;line-height:1.2;padding:8px 10px 7px;margin:0 0 22px;border:2px solid transparent;border-radius:0;color:#fff;background:#00703c;box-shadow:0 2px 0 #002d18;cursor:pointer;text-decoration:none;text-align:center}
    .govuk-button:visited,.govuk-button:link{color:#fff}
    .govuk-button:hover{background:#005a30;color:#fff}
    .govuk-button--secondary,.govuk-button--secondary:link,.govuk-button--secondary:visited{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
    .govuk-button--secondary:hover{background:#dbdad9;color:#0b0c0c}
    .govuk-button--warning,.govuk-button--warning:link,.govuk-button--warning:visited{background:#d4351c;color:#fff;box-shadow:0 2px 0 #55150b}
    .govuk-button--warning:hover{background:#aa2a16;color:#fff}
    .govuk-button:focus{background:#ffdd00;color:#0b0c0c;box-shadow:0 2px 0 #0b0c0c;outline:3px solid transparent}
    .sp-button--inline{margin:0}
    .govuk-form-group{margin-bottom:20px}
    .govuk-form-group--error{padding-left:15px;border-left:5px solid #d4351c}
    .govuk-label{display:block;font-size:1.1875rem;margin-bottom:5px}
    .govuk-hint{color:#505a5f;font-size:1.1875rem;margin-bottom:10px}
    .govuk-error-message{color:#d4351c;font-weight:700;font-size:1.1875rem;margin:0 0 10px}
    .govuk-input,.govuk-select,.govuk-textarea{font:inherit;font-size:1.1875rem;width:100%;padding:5px;border:2px solid #0b0c0c;border-radius:0;background:#fff;color:#0b0c0c}
    .govuk-input--width-20{max-width:41ex}.govuk-input--width-10{max-width:23ex}
    .govuk-select{width:auto;min-width:11em;max-width:100%}
    .govuk-error-summary{border:5px solid #d4351c;padding:15px;margin-bottom:30px}
    .govuk-error-summary:focus{outline:3px solid #ffdd00;outline-offset:0}
    .govuk-error-summary__title{font-size:1.5rem;margin:0 0 15px}
    .govuk-error-summary__list a{color:#d4351c;font-weight:700}
    .govuk-notification-banner{border:5px solid #1d70b8;background:#1d70b8;margin-bottom:30px}
    .govuk-notification-banner--success{border-color:#00703c;background:#00703c}
    .govuk-notification-banner__header{padding:2px 15px 5px}
    .govuk-notification-banner__title{color:#fff;font-size:1.1875rem;margin:0}
    .govuk-notification-banner__content{background:#fff;padding:15px}
    .govuk-notification-banner__heading{font-size:1.1875rem;font-weight:700;margin:0}
    .govuk-panel{padding:25px;margin-bottom:30px;text-align:center}
    .govuk-panel--confirmation{background:#00703c;color:#fff}
    .govuk-panel__title{font-size:2rem;margin:0 0 15px;color:#fff}
    .govuk-panel__body{font-size:1.5rem}
    .govuk-warning-text{display:flex;gap:15px;align-items:flex-start;margin-bottom:20px;font-size:1.1875rem}
    .govuk-warning-text__icon{flex:none;display:inline-block;width:35px;height:35px;border-radius:50%;background:#0b0c0c;color:#fff;font-weight:700;font-size:1.5rem;line-height:35px;text-align:center}
    .govuk-summary-list{margin:0 0 20px;font-size:1.1875rem}
    .govuk-summary-list__row{display:flex;flex-wrap:wrap;border-bottom:1px solid #b1b4b6;padding:10px 0}
    .govuk-summary-list__key{font-weight:700;width:100%;margin:0 0 5px}
    .govuk-summary-list__value{margin:0;width:100%;overflow-wrap:anywhere}
    @media(min-width:40.0625em){.govuk-summary-list__key{width:30%;margin:0;padding-right:20px}.govuk-summary-list__value{width:70%}}
    .govuk-table{width:100%;border-collapse:collapse;margin-bottom:30px;font-size:1.1875rem}
    .govuk-table__header,.govuk-table__cell{text-align:left;vertical-align:top;padding:10px 20px 10px 0;border-bottom:1px solid #b1b4b6}
    .govuk-table__header{font-weight:700}
    .sp-table{position:relative;overflow-x:auto;margin-bottom:30px}.sp-table>.govuk-table{margin-bottom:0}
    .sp-table:focus-visible{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 4px #0b0c0c}
    @media(max-width:40.0525em){.govuk-table{font-size:1rem}.govuk-table__header,.govuk-table__cell{padding-right:15px}}
    .govuk-tag{display:inline-block;padding:2px 8px;font-weight:400;font-size:1rem;background:#e5e6e7;color:#383f43}
    .govuk-tag--grey{background:#e5e6e7;color:#383f43}.govuk-tag--green{background:#cce2d8;color:#005a30}
    .govuk-tag--yellow{background:#fff7bf;color:#594d00}.govuk-tag--red{background:#f4cdc6;color:#2a0b06}
    .govuk-tag--orange{background:#fcd6c3;color:#6e3619}.govuk-tag--purple{background:#dbd5e9;color:#3d2375}
    .sp-tag-gap{margin:0 5px 5px 0}
    .sp-counts{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:15px;margin:0 0 30px}
    .sp-count{display:block;min-width:180px;padding:15px;border:2px solid #b1b4b6;font-size:1.1875rem;text-decoration:none;color:#0b0c0c}
    .sp-count:visited{color:#0b0c0c}
    .sp-count--alert{border-color:#d4351c}
    .sp-count__number{display:block;font-size:2.5rem;font-weight:700}
    .sp-timeline{list-style:none;padding:0 0 0 20px;border-left:4px solid #b1b4b6;margin:0 0 30px}
    .sp-timeline__step{font-size:1.1875rem;padding:5px 0;color:#505a5f}
    .sp-timeline__step--done{color:#0b0c0c}
    .sp-timeline__label{font-weight:700}
    .sp-send{border-top:1px solid #b1b4b6;padding-top:5px}
    .sp-filters{display:flex;flex-wrap:wrap;gap:0 20px;align-items:flex-end}
    .govuk-body-l{font-size:1.5rem;margin:0 0 30px}
    .govuk-details{font-size:1.1875rem;margin:0 0 30px}
    .govuk-details__summary{display:inline-block;position:relative;padding-left:25px;color:#1d70b8;cursor:pointer}
    .govuk-details__summary::before{content:"";position:absolute;top:-1px;bottom:0;left:0;margin:auto;width:0;height:0;border-style:solid;border-color:transparent;border-width:7px 0 7px 12.124px;border-left-color:inherit}
    .govuk-details[open]>.govuk-details__summary::before{border-width:12.124px 7px 0 7px;border-color:inherit transparent transparent}
    .govuk-details__summary-text{text-decoration:underline;text-underline-offset:.1578em}
    .govuk-details__summary:focus{outline:3px solid transparent;color:#0b0c0c;background:#ffdd00;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none}
    .govuk-details__summary:focus .govuk-details__summary-text{text-decoration:none}
    .govuk-details__summary::-webkit-details-marker{display:none}
    .govuk-details__text{padding:15px 15px 15px 20px;border-left:5px solid #b1b4b6;margin-top:10px}
    .sp-code{font-family:"Courier New",monospace;font-size:1rem}
    .sp-pre{font-family:"Courier New",monospace;font-size:0.9375rem;background:#f3f2f1;padding:15px;overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere}
    @media print{.govuk-header__account,.govuk-exit-this-page,.govuk-service-navigation,.govuk-footer,.sp-no-print,.govuk-skip-link{display:none}
      .sp-table{overflow:visible}.govuk-details::details-content{content-visibility:visible;display:block}.govuk-details__summary{display:none}
      .govuk-header{background:#fff;color:#0b0c0c;border-bottom:2px solid #0b0c0c}.govuk-header__link,.govuk-header__agency{color:#0b0c0c}
      a{color:#0b0c0c;text-decoration:none}}
    """ + ReferralStylesheet.css

    /// Progressive enhancement only. A page that shows an error summary (a form sent with
    /// problems) moves focus to it on load, so a screen reader announces it and Tab continues
    /// from it to the links to each field (GOV.UK error summary; without the script the summary
    /// is still first in the page). "Exit this page" also leaves on three presses of Shift in a
    /// row (any other key in between starts the count again, so typing capitals never leaves),
    /// and replaces the page in history so Back does not return to it.
    static let script = """
    (function () {
      var summary = document.querySelector('.govuk-error-summary');
      if (summary) { summary.focus(); }
    })();
    (function () {
      var link = document.querySelector('[data-exit-this-page]');
      if (!link) { return; }
      function leave(event) {
        if (event) { event.preventDefault(); }
        document.body.innerHTML = '';
        document.title = 'Loading';
        window.location.replace(link.href);
      }
      link.addEventListener('click', leave);
      var presses = 0, timer = null;
      document.addEventListener('keydown', function (event) {
        if (event.key !== 'Shift') { presses = 0; }
      });
      document.addEventListener('keyup', function (event) {
        if (event.key !== 'Shift') { presses = 0; return; }
        presses += 1;
        clearTimeout(timer);
        timer = setTimeout(function () { presses = 0; }, 2000);
        if (presses >= 3) { leave(); }
      });
    })();
    """
}
