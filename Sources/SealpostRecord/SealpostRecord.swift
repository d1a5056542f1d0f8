// The safeguarding record model lives here (see spec/record.md).
enum SealpostRecordModule {}
