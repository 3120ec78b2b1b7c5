import re,collections
txt=open('/var/log/postgresql/postgresql-15-main.log',errors='replace').read()
entries=re.split(r'\n(?=\d{4}-\d\d-\d\d )',txt)
stats=collections.defaultdict(lambda:[0,0.0])
for e in entries:
    m=re.search(r'duration: ([\d.]+) ms\s+(parse|bind|execute|statement)[^:]*:\s*(.*)',e,re.S)
    if not m: continue
    d=float(m.group(1)); q=re.sub(r'\s+',' ',m.group(3)).strip()[:80]
    stats[m.group(2)+' '+q][0]+=1; stats[m.group(2)+' '+q][1]+=d
for k,v in sorted(stats.items(), key=lambda x:-x[1][1])[:16]:
    print(f"{v[1]:9.0f} ms {v[0]:6d}  avg {v[1]/v[0]:7.2f}  {k}")
