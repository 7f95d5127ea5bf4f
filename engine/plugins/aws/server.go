package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is what GetPluginInfo reports: the version the plugin was installed as
// (`pulumi plugin install resource aws VERSION --file BIN` puts it in .../resource-aws-vVERSION/), so the
// engine takes it for whatever @pulumi/aws version the program uses.
var version = installedVersion()

func installedVersion() string {
	exe, err := os.Executable()
	if err != nil {
		return "0.0.0"
	}
	dir := filepath.Base(filepath.Dir(exe))
	if v, ok := strings.CutPrefix(dir, "resource-aws-v"); ok {
		return v
	}
	return "0.0.0"
}

type clients struct {
	iam *iam.Client
	sts *sts.Client
}

type provider struct {
	pulumirpc.UnimplementedResourceProviderServer
	clients *clients
}

func newProvider() *provider { return &provider{} }

func (p *provider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (p *provider) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: `{"name":"aws","version":"` + version + `"}`}, nil
}

func (p *provider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *provider) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

// Configure builds the AWS clients: the region from the stack's aws:region, credentials and endpoint
// (AWS_ENDPOINT_URL) from the environment, as the AWS SDK reads them.
func (p *provider) Configure(ctx context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	region := propsOf(req.GetArgs()).str("region")
	if region == "" {
		region = req.GetVariables()["aws:config:region"]
	}
	if region == "" {
		region = os.Getenv("AWS_REGION")
	}
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(region))
	if err != nil {
		return nil, fmt.Errorf("stand-in aws plugin: AWS configuration: %w", err)
	}
	p.clients = &clients{iam: iam.NewFromConfig(cfg), sts: sts.NewFromConfig(cfg)}
	return &pulumirpc.ConfigureResponse{SupportsPreview: true}, nil
}

func (p *provider) Invoke(ctx context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	if req.GetTok() != "aws:index/getCallerIdentity:getCallerIdentity" {
		return nil, fmt.Errorf("stand-in aws plugin: function %s is not implemented", req.GetTok())
	}
	out, err := p.clients.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return nil, err
	}
	ret, err := props{
		"accountId": aws.ToString(out.Account),
		"arn":       aws.ToString(out.Arn),
		"userId":    aws.ToString(out.UserId),
		"id":        aws.ToString(out.Account),
	}.toStruct()
	return &pulumirpc.InvokeResponse{Return: ret}, err
}

// Check answers with the inputs it was given: no defaults, no validation beyond the resource type.
func (p *provider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	if _, err := kindOf(req.GetUrn()); err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *provider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	k, err := kindOf(req.GetUrn())
	if err != nil {
		return nil, err
	}
	return diff(k, propsOf(req.GetOlds()), propsOf(req.GetNews()), req.GetIgnoreChanges()), nil
}

func (p *provider) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	k, err := kindOf(req.GetUrn())
	if err != nil {
		return nil, err
	}
	inputs := propsOf(req.GetProperties())
	if req.GetPreview() {
		// What the program set is known; what IAM computes is not, until the resource exists.
		outs, err := copyProps(unknowns(k.computed), inputs).toStruct()
		return &pulumirpc.CreateResponse{Properties: outs}, err
	}
	id, outs, err := k.create(ctx, p.clients, inputs, nameOf(req.GetUrn()))
	if err != nil {
		return nil, err
	}
	s, err := outs.toStruct()
	return &pulumirpc.CreateResponse{Id: id, Properties: s}, err
}

func (p *provider) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	k, err := kindOf(req.GetUrn())
	if err != nil {
		return nil, err
	}
	olds, news := propsOf(req.GetOlds()), propsOf(req.GetNews())
	outs := copyProps(news, keep(olds, k.computed))
	if contains(k.computed, "tagsAll") {
		outs["tagsAll"] = tagsAll(news)
	}
	if !req.GetPreview() {
		if err := k.update(ctx, p.clients, req.GetId(), olds, news); err != nil {
			return nil, err
		}
	}
	s, err := outs.toStruct()
	return &pulumirpc.UpdateResponse{Properties: s}, err
}

func (p *provider) Read(ctx context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	k, err := kindOf(req.GetUrn())
	if err != nil {
		return nil, err
	}
	outs, found, err := k.read(ctx, p.clients, req.GetId(), propsOf(req.GetProperties()))
	if err != nil || !found {
		return &pulumirpc.ReadResponse{}, err
	}
	s, err := outs.toStruct()
	if err != nil {
		return nil, err
	}
	inputs := req.GetInputs()
	if inputs == nil || len(inputs.GetFields()) == 0 {
		inputs, err = inputsOf(k, outs).toStruct()
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: s, Inputs: inputs}, err
}

func (p *provider) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	k, err := kindOf(req.GetUrn())
	if err != nil {
		return nil, err
	}
	return &emptypb.Empty{}, k.delete(ctx, p.clients, req.GetId(), propsOf(req.GetProperties()))
}

func (p *provider) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (p *provider) Attach(context.Context, *pulumirpc.PluginAttach) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (p *provider) GetMapping(context.Context, *pulumirpc.GetMappingRequest) (*pulumirpc.GetMappingResponse, error) {
	return &pulumirpc.GetMappingResponse{}, nil
}

// nameOf is the resource's name in its URN (urn:pulumi:stack::project::type::name).
func nameOf(urn string) string {
	return urn[strings.LastIndex(urn, "::")+2:]
}

func typeOf(urn string) string {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return ""
	}
	t := parts[len(parts)-2]
	return t[strings.LastIndex(t, "$")+1:]
}

func unknowns(keys []string) props {
	out := props{}
	for _, k := range keys {
		out[k] = unknown
	}
	return out
}

func keep(p props, keys []string) props {
	out := props{}
	for _, k := range keys {
		if v, ok := p[k]; ok {
			out[k] = v
		}
	}
	return out
}

func inputsOf(k *kind, outs props) props {
	in := props{}
	for _, key := range k.inputs {
		if v, ok := outs[key]; ok {
			in[key] = v
		}
	}
	return in
}
