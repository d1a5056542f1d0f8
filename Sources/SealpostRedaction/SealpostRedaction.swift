// Third-party redaction lives here (see spec/record.md §Redaction).
enum SealpostRedactionModule {}
