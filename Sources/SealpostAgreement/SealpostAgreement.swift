// The data-sharing agreement lives here (see spec/agreement.md).
enum SealpostAgreementModule {}
