{{/*
Pieces of the NetworkPolicies (networkpolicy-*.yaml), each a YAML list item. NetworkPolicy ports are those of
the destination pod after a Service's address translation, so a rule for a Service names its pods' ports.
*/}}

{{/* The bundled NATS's pods and its nats-box, by the NATS chart's selector labels. (dict "ctx" $ "component" "nats") */}}
{{- define "imager.natsPodSelector" -}}
matchLabels:
  app.kubernetes.io/name: {{ default "nats" .ctx.Values.nats.nameOverride }}
  app.kubernetes.io/instance: {{ .ctx.Release.Name }}
  app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Name resolution: port 53 at networkPolicy.dns, or anywhere. */}}
{{- define "imager.dnsEgress" -}}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
  {{- with .Values.networkPolicy.dns }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/* NATS: the bundled server's pods, or networkPolicy.externalNats (anywhere when empty), on natsUrl's ports. */}}
{{- define "imager.natsEgress" -}}
{{- $ports := list }}
{{- range splitList "," (include "imager.natsUrl" .) }}
{{- $port := regexFind ":[0-9]+/?$" (trim .) | trimPrefix ":" | trimSuffix "/" | default "4222" | atoi }}
{{- if not (has $port $ports) }}{{ $ports = append $ports $port }}{{ end }}
{{- end -}}
- ports:
    {{- range $ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
  {{- if .Values.nats.enabled }}
  to:
    - podSelector:
        {{- include "imager.natsPodSelector" (dict "ctx" . "component" "nats") | nindent 8 }}
  {{- else }}
  {{- with .Values.networkPolicy.externalNats }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- end }}
{{- end }}

{{/*
The target: networkPolicy.target when given; else the demo's pods; pods in the target's namespace (pod and
service modes, url mode with a <service>.<namespace>.svc host: the ports behind a Service or a port name are
not known here); an IP URL's address; anywhere on the URL's port for any other URL.
*/}}
{{- define "imager.targetEgress" -}}
{{- $t := include "imager.target" . | fromJson }}
{{- $demo := include "imager.demoName" . }}
{{- if .Values.networkPolicy.target -}}
- to:
    {{- toYaml .Values.networkPolicy.target | nindent 4 }}
{{- else if and .Values.demo.enabled (eq $t.namespace .Release.Namespace) (or (eq $t.deployment $demo) (eq $t.service $demo) (hasPrefix (printf "http://%s.%s.svc:" $demo .Release.Namespace) $t.url)) -}}
- ports:
    - port: 8080
      protocol: TCP
  to:
    - podSelector:
        matchLabels:
          {{- include "imager.selectorLabels" (dict "ctx" . "component" "demo-target") | nindent 10 }}
{{- else if ne $t.mode "url" -}}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ $t.namespace }}
  {{- if and (eq $t.mode "pod") .Values.coordinator.target.portName }}
  ports:
    - port: {{ .Values.coordinator.target.portName }}
      protocol: TCP
  {{- end }}
{{- else }}
{{- $url := urlParse $t.url }}
{{- $host := regexReplaceAll ":[0-9]+$" $url.host "" }}
{{- $port := regexFind ":[0-9]+$" $url.host | trimPrefix ":" | default (ternary "443" "80" (eq (lower $url.scheme) "https")) }}
{{- $service := regexFind "^[a-z0-9-]+\\.[a-z0-9-]+\\.svc(\\.cluster\\.local)?$" (lower $host) }}
{{- if $service -}}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ index (splitList "." $service) 1 }}
{{- else -}}
- ports:
    - port: {{ atoi $port }}
      protocol: TCP
  {{- if regexMatch "^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$" $host }}
  to:
    - ipBlock:
        cidr: {{ printf "%s/32" $host }}
  {{- else if hasPrefix "[" $host }}
  to:
    - ipBlock:
        cidr: {{ printf "%s/128" (trimAll "[]" $host) }}
  {{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* Who may reach a /metrics port: networkPolicy.metricsFrom, or anyone. (dict "ctx" $ "port" "metrics") */}}
{{- define "imager.metricsIngress" -}}
- ports:
    - port: {{ .port }}
      protocol: TCP
  {{- with .ctx.Values.networkPolicy.metricsFrom }}
  from:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
