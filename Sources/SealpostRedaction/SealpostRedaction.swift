// Third-party redaction: see spec/redaction.md. The engine lives in the folders beside this file.
enum SealpostRedactionModule {}
