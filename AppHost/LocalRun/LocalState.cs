using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.LocalRun;

/// <summary>
/// Where a local run keeps its state (configuration section <c>LocalState</c>, docs/operations.md "Local state").
/// By default Redis writes its data under <c>AppHost/.localstate/</c>, so agents, threads, runs and knowledge survive
/// an AppHost restart. <c>--LocalState:Clean=true</c> deletes that directory before starting (a clean start that
/// persists from then on); <c>--LocalState:Persist=false</c> keeps nothing on disk at all. Under Aspire's testing
/// builder (it sets <c>DcpPublisher:RandomizePorts</c>) the default is off, so tests start clean and never share a
/// directory with a developer's run or with each other.
/// </summary>
public sealed record LocalState(bool Persist, string Directory)
{
    public const string Section = "LocalState";
    public const string DefaultDirectoryName = ".localstate";

    /// <summary>Reads the section; with <c>Clean</c> the directory is removed here, before any resource starts.</summary>
    public static LocalState From(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection(Section);
        var persist = section.GetValue("Persist", defaultValue: !configuration.GetValue("DcpPublisher:RandomizePorts", defaultValue: false));
        var configured = section["Directory"];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(appHostDirectory, DefaultDirectoryName)
            : Path.Combine(appHostDirectory, configured));
        if (section.GetValue("Clean", defaultValue: false) && System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        return new LocalState(persist, directory);
    }

    /// <summary>The data directory of one resource, created on first use.</summary>
    public string DirectoryFor(string resource)
    {
        var path = Path.Combine(Directory, resource);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
