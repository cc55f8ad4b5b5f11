{{/* Resource name prefix: the release name, or "virga" when the release is called virga. */}}
{{- define "virga.fullname" -}}
{{- if eq .Release.Name "virga" -}}virga{{- else -}}{{ printf "%s-virga" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "virga.labels" -}}
app.kubernetes.io/part-of: virga
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* image: (dict "ctx" $ "image" .Values.x.image "override" (optional group image)) */}}
{{- define "virga.image" -}}
{{- $img := .image -}}
{{- $o := default dict .override -}}
{{- $registry := coalesce $o.registry $img.registry .ctx.Values.global.image.registry -}}
{{- $repo := coalesce $o.repository $img.repository -}}
{{- $tag := coalesce $o.tag $img.tag .ctx.Chart.AppVersion -}}
{{- if $registry -}}{{ printf "%s/%s:%s" $registry $repo $tag }}{{- else -}}{{ printf "%s:%s" $repo $tag }}{{- end -}}
{{- end -}}

{{- define "virga.natsUrl" -}}
{{- printf "nats://nats.%s.svc.cluster.local:4222" .Release.Namespace -}}
{{- end -}}

{{- define "virga.schedulerUrl" -}}
{{- default (include "virga.natsUrl" .) .Values.global.nats.schedulerUrl -}}
{{- end -}}

{{- define "virga.dataUrl" -}}
{{- default (include "virga.natsUrl" .) .Values.global.nats.dataUrl -}}
{{- end -}}

{{/* The distinct namespaces of the host groups ("" = the release namespace). */}}
{{- define "virga.hostNamespaces" -}}
{{- $ns := list -}}
{{- range .Values.runtime.hostGroups -}}
{{- $ns = append $ns (default $.Release.Namespace .namespace) -}}
{{- end -}}
{{- toJson (uniq $ns) -}}
{{- end -}}

{{- define "virga.podSecurity" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "virga.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{- define "virga.pullSecrets" -}}
{{- with .Values.global.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
A runtime.hostGroups entry with every field filled in: an entry given in a values file replaces the
default one whole (Helm merges no list items), and mergeOverwrite would drop explicit false/0/"".
*/}}
{{- define "virga.hostGroup" -}}
{{- $g := . -}}
name: {{ required "runtime.hostGroups[].name is required" $g.name | quote }}
namespace: {{ dig "namespace" "" $g | quote }}
replicas: {{ dig "replicas" 1 $g }}
schedulerNatsUrl: {{ dig "schedulerNatsUrl" "" $g | quote }}
dataNatsUrl: {{ dig "dataNatsUrl" "" $g | quote }}
image:
  registry: {{ dig "image" "registry" "" $g | quote }}
  repository: {{ dig "image" "repository" "" $g | quote }}
  tag: {{ dig "image" "tag" "" $g | quote }}
resources: {{ dig "resources" (dict) $g | toJson }}
env: {{ dig "env" (list) $g | toJson }}
envFrom: {{ dig "envFrom" (list) $g | toJson }}
extraArgs: {{ dig "extraArgs" (list) $g | toJson }}
labels: {{ dig "labels" (dict) $g | toJson }}
plugins: {{ dig "plugins" (dict) $g | toJson }}
ociCaPaths: {{ dig "ociCaPaths" (list) $g | toJson }}
maxConcurrentStarts: {{ dig "maxConcurrentStarts" 0 $g }}
allowInsecureRegistries: {{ dig "allowInsecureRegistries" false $g }}
volumes: {{ dig "volumes" (list) $g | toJson }}
volumeMounts: {{ dig "volumeMounts" (list) $g | toJson }}
ports: {{ dig "ports" (list) $g | toJson }}
networking:
  allowHostLoopback: {{ dig "networking" "allowHostLoopback" false $g }}
service:
  type: {{ dig "service" "type" "ClusterIP" $g | quote }}
http:
  enabled: {{ dig "http" "enabled" true $g }}
  port: {{ dig "http" "port" 9191 $g }}
  nodePort: {{ dig "http" "nodePort" nil $g | toJson }}
  tls:
    enabled: {{ dig "http" "tls" "enabled" false $g }}
    certificate:
      secretName: {{ dig "http" "tls" "certificate" "secretName" "" $g | quote }}
      generate:
        enabled: {{ dig "http" "tls" "certificate" "generate" "enabled" false $g }}
        validity: {{ dig "http" "tls" "certificate" "generate" "validity" 365 $g }}
        commonName: {{ dig "http" "tls" "certificate" "generate" "commonName" "" $g | quote }}
        domains: {{ dig "http" "tls" "certificate" "generate" "domains" (list) $g | toJson }}
        ipAddresses: {{ dig "http" "tls" "certificate" "generate" "ipAddresses" (list) $g | toJson }}
{{- end -}}
