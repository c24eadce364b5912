namespace Wyvern.Testing.Harness;

/// <summary>The host lacks something a test needs (root, a command, a package).</summary>
public sealed class TestEnvironmentException : Exception
{
    public TestEnvironmentException() { }

    public TestEnvironmentException(string message) : base("Test environment: " + message) { }

    public TestEnvironmentException(string message, Exception inner) : base("Test environment: " + message, inner) { }
}
