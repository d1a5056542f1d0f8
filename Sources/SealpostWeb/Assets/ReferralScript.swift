/// Progressive enhancement for the referral's question pages: an NHS number is checked as it is
/// typed (on leaving the field), with the same rules and messages as the server (ten digits, or
/// 3-3-4 with single spaces; the modulus 11 check digit). Without it the server's check on saving
/// is the same; the server checks again whatever the browser said.
enum ReferralScript {
    static let source = """
    (function () {
      function problem(value) {
        var text = value.trim();
        if (text === '') { return ''; }
        if (!/^[0-9]{10}$/.test(text) && !/^[0-9]{3} [0-9]{3} [0-9]{4}$/.test(text)) {
          return 'NHS number must be 10 digits, like 943 476 5919';
        }
        var digits = text.replace(/ /g, ''), sum = 0;
        for (var i = 0; i < 9; i += 1) { sum += Number(digits.charAt(i)) * (10 - i); }
        var check = 11 - (sum % 11);
        if (check === 11) { check = 0; }
        if (check === 10 || check !== Number(digits.charAt(9))) {
          return 'Check the NHS number: its last digit does not match the others, so a digit is wrong';
        }
        return '';
      }
      var inputs = document.querySelectorAll('input[data-nhs-number]');
      for (var n = 0; n < inputs.length; n += 1) {
        (function (input) {
          var message = document.createElement('p');
          message.className = 'govuk-error-message';
          message.id = input.id + '-live';
          message.setAttribute('aria-live', 'polite');
          message.hidden = true;
          input.parentNode.insertBefore(message, input);
          input.addEventListener('blur', function () {
            var text = problem(input.value);
            message.textContent = text;
            message.hidden = text === '';
          });
        })(inputs[n]);
      }
    })();
    """
}
