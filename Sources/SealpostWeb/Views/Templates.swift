/// The page templates, compiled into the binary so `sealpost web` needs no files beside it.
/// GOV.UK Design System structure and class names; our own stylesheet (`/assets/app.css`).
enum Templates {
    static let all: [(String, String)] = [
        ("layout", layout), ("problem", problem), ("sign-in", SignInTemplates.signIn), ("home", HomeTemplates.home),
        ("inbox", InboxTemplates.inbox), ("record", InboxTemplates.record), ("sent", SentTemplates.sent),
        ("log", LogTemplates.log), ("log-entry", LogTemplates.entry), ("log-verify", LogTemplates.verify),
        ("report", ReportTemplates.report),
    ] + OutcomeTemplates.all + RequestTemplates.all + WorkListTemplates.all + ResendTemplates.all + LogPaginationTemplates.all
        + ReferralTemplates.all + RelayWaitingTemplates.all

    static let layout = """
    <!DOCTYPE html>
    <html lang="en" class="govuk-template">
    <head>
    <meta charset="utf-8">
    <title>{{title}} – Sealpost</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <link rel="stylesheet" href="/assets/app.css">
    <script src="/assets/app.js" defer></script>
    </head>
    <body class="govuk-template__body">
    <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
    <header class="govuk-header" role="banner">
      <div class="govuk-header__container govuk-width-container">
        <div class="govuk-header__logo"><a href="/" class="govuk-header__link govuk-header__service-name">Sealpost</a>
          <span class="govuk-header__agency">{{agency}}</span></div>
        {{#practitioner}}
        <div class="govuk-header__account">
          <span class="govuk-header__practitioner">{{practitioner}}{{#role}}, {{role}}{{/role}}</span>
          <form method="post" action="/sign-out" class="govuk-header__sign-out">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <button type="submit" class="govuk-header__button">Sign out</button>
          </form>
        </div>
        {{/practitioner}}
      </div>
    </header>
    <div class="govuk-exit-this-page">
      <a href="https://www.bbc.co.uk/weather" class="govuk-button govuk-button--warning govuk-exit-this-page__button" rel="nofollow noreferrer" data-exit-this-page>Exit this page</a>
    </div>
    {{#hasNav}}
    <nav class="govuk-service-navigation" aria-label="Sections">
      <ul class="govuk-service-navigation__list govuk-width-container">
        {{#nav}}<li class="govuk-service-navigation__item{{#current}} govuk-service-navigation__item--active{{/current}}"><a class="govuk-service-navigation__link" href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}
      </ul>
    </nav>
    {{/hasNav}}
    <div class="govuk-width-container">
      <main class="govuk-main-wrapper" id="main-content" role="main">
    {{{body}}}
      </main>
    </div>
    <footer class="govuk-footer" role="contentinfo">
      <div class="govuk-width-container"><p class="govuk-footer__meta">Sealpost shares safeguarding information under your partnership's data-sharing agreement. Everything you decide here is recorded in your agency's receipt log.</p></div>
    </footer>
    </body>
    </html>
    """

    static let problem = """
    <h1 class="govuk-heading-l">{{title}}</h1>
    <p class="govuk-body">{{message}}</p>
    <p class="govuk-body"><a class="govuk-link" href="/">Go to the home page</a></p>
    """
}
