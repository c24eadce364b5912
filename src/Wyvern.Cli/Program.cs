using System.CommandLine;
using Wyvern.Cli;

var root = new RootCommand("Wyvern: a distributed virtual router for OpenStack Neutron")
{
    Commands.Serve(),
    Commands.Api(),
    Commands.Controller(),
};
return await root.Parse(args).InvokeAsync();
