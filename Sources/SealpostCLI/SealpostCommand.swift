import ArgumentParser
public struct SealpostCommand: ParsableCommand { public init() {} }
